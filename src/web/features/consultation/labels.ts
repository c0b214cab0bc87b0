import { dispositionLabels, teamRoleLabels, type Disposition } from '../../../domain/consultation';

export { dispositionLabels, teamRoleLabels };

export const dispositionColor: Record<Disposition, string> = { accepted: 'green', explained: 'blue', rejected: 'default' };

export const answerLabels: Record<'answered' | 'late' | 'waiting' | 'overdue', { text: string; color: string }> = {
  answered: { text: 'Đã góp ý', color: 'green' },
  late: { text: 'Góp ý muộn', color: 'gold' },
  waiting: { text: 'Chưa góp ý', color: 'default' },
  overdue: { text: 'Quá hạn, chưa góp ý', color: 'red' },
};

export const changeLabels: Record<'added' | 'removed' | 'changed' | 'same', { text: string; color: string }> = {
  added: { text: 'Bổ sung', color: 'green' },
  removed: { text: 'Bỏ', color: 'red' },
  changed: { text: 'Sửa đổi', color: 'blue' },
  same: { text: 'Giữ nguyên', color: 'default' },
};

export const itemKindLabels: Record<string, string> = {
  part: 'Phần',
  section: 'Mục',
  objective: 'Mục tiêu',
  milestone: 'Tầm nhìn',
  target: 'Chỉ tiêu',
  task: 'Nhiệm vụ',
  solution: 'Giải pháp',
  breakthrough: 'Đột phá',
  paragraph: 'Đoạn',
};
