import type { ReactNode } from 'react';
import { Space, Tag, Typography } from 'antd';
import { formatVnNumber } from '../../lib/format';
import type { Comment } from './consultation.api';
import { dispositionColor, dispositionLabels } from './labels';

/** Who made a comment: the org it speaks for, the speaker at a conference, or the person. */
export function commentAuthor(c: Comment): string {
  if (c.source === 'conference') return `${c.speakerName ?? ''}${c.speakerTitle ? `, ${c.speakerTitle}` : ''} (phát biểu tại hội nghị)`;
  return c.orgName ?? c.authorName ?? '';
}

export function CommentCard({ comment: c, children }: { comment: Comment; children?: ReactNode }) {
  return (
    <div className="consultation-comment" data-testid={`comment-${c.id}`} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text strong>{commentAuthor(c)}</Typography.Text>
          <Tag>Dự thảo lần {c.versionNo}</Tag>
          {c.status === 'pending_approval' && <Tag color="orange">Chờ lãnh đạo duyệt gửi</Tag>}
          {c.disposition && <Tag color={dispositionColor[c.disposition]}>{dispositionLabels[c.disposition]}</Tag>}
        </Space>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
        {c.proposedText && <Typography.Text type="secondary">Đề nghị sửa thành: “{c.proposedText}”</Typography.Text>}
        {c.proposedValue !== null && <Typography.Text type="secondary">Giá trị đề nghị: {formatVnNumber(c.proposedValue)}</Typography.Text>}
        {c.dispositionReason && <Typography.Text type="secondary">Lý do: {c.dispositionReason}</Typography.Text>}
        {children}
      </Space>
    </div>
  );
}
