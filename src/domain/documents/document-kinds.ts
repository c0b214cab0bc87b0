/**
 * The kinds of documents and items of the cascade, with the labels the interface shows. The
 * arrays are the single source of the unions: zod enums and database checks follow them.
 */
import type { Label } from '../orgs/org-kinds';

export const documentKinds = ['resolution', 'action_program', 'plan', 'scheme', 'directive', 'conclusion'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentStatuses = ['draft', 'adopted', 'amended', 'expired'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const itemKinds = ['part', 'section', 'objective', 'milestone', 'target', 'task', 'solution', 'breakthrough', 'paragraph'] as const;
export type ItemKind = (typeof itemKinds)[number];

/** Items a lower org takes up (the gap view counts these). */
export const actionableItemKinds: readonly ItemKind[] = ['target', 'task', 'solution', 'breakthrough'];

/** Kinds that carry out higher documents and therefore name what they implement. */
export const implementingKinds: readonly DocumentKind[] = ['action_program', 'plan', 'scheme'];

export const documentKindLabels: Record<DocumentKind, Label> = {
  resolution: { vi: 'Nghị quyết', en: 'Resolution' },
  action_program: { vi: 'Chương trình hành động', en: 'Action program' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  scheme: { vi: 'Đề án', en: 'Scheme' },
  directive: { vi: 'Chỉ thị', en: 'Directive' },
  conclusion: { vi: 'Kết luận', en: 'Conclusion' },
};

export const documentStatusLabels: Record<DocumentStatus, Label> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  adopted: { vi: 'Đã ban hành', en: 'Adopted' },
  amended: { vi: 'Đã được bổ sung, điều chỉnh', en: 'Amended' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
};

export const itemKindLabels: Record<ItemKind, Label> = {
  part: { vi: 'Phần', en: 'Part' },
  section: { vi: 'Mục', en: 'Section' },
  objective: { vi: 'Mục tiêu tổng quát', en: 'General objective' },
  milestone: { vi: 'Tầm nhìn', en: 'Milestone' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  task: { vi: 'Nhiệm vụ trọng tâm', en: 'Key task' },
  solution: { vi: 'Giải pháp', en: 'Solution' },
  breakthrough: { vi: 'Đột phá', en: 'Breakthrough' },
  paragraph: { vi: 'Đoạn văn', en: 'Paragraph' },
};

export const taskStatuses = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
