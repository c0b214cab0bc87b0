import { useState } from 'react';
import { App, Button, Card, Input, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dispositions, type Disposition } from '../../../domain/consultation';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { CommentCard } from './comment-card';
import { consultationKeys, disposeComment, fetchCommentPage, fetchComments, type Comment, type GroupedComments } from './consultation.api';
import { dispositionLabels, itemKindLabels } from './labels';

/** The disposition of one comment, in place: taken in, explained (with the reason) or not taken in. */
function DispositionEditor({ documentId, comment }: { documentId: number; comment: Comment }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [choice, setChoice] = useState<Disposition>(comment.disposition ?? 'accepted');
  const [reason, setReason] = useState(comment.dispositionReason ?? '');
  const save = useMutation({
    mutationFn: () =>
      disposeComment(documentId, comment.id, { disposition: choice, reason: reason.trim() || null, version: comment.version }),
    onSuccess: () => {
      void message.success('Đã lưu cách xử lý góp ý.');
      void qc.invalidateQueries({ queryKey: consultationKeys.all });
    },
    onError: (e) => onError(e, { onConflict: () => void qc.invalidateQueries({ queryKey: consultationKeys.all }) }),
  });
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Segmented
        size="small"
        value={choice}
        onChange={(v) => setChoice(v as Disposition)}
        options={dispositions.map((d) => ({ value: d, label: dispositionLabels[d] }))}
      />
      {choice !== 'accepted' && (
        <Input.TextArea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Lý do giải trình / không tiếp thu"
          aria-label="Lý do"
        />
      )}
      <Button size="small" type={comment.disposition ? 'default' : 'primary'} loading={save.isPending} onClick={() => save.mutate()}>
        {comment.disposition ? 'Cập nhật xử lý' : 'Lưu xử lý'}
      </Button>
    </Space>
  );
}

function CommentList({ documentId, comments, canDispose }: { documentId: number; comments: Comment[]; canDispose: boolean }) {
  return comments.map((c) => (
    <CommentCard key={c.id} comment={c}>
      {canDispose && c.status === 'sent' && <DispositionEditor documentId={documentId} comment={c} />}
    </CommentCard>
  ));
}

/** A large round: one item's comments, a page at a time, loaded when the group opens it. */
function CommentPages({ documentId, item, count, canDispose }: { documentId: number; item: string; count: number; canDispose: boolean }) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: consultationKeys.commentPage(documentId, item, page),
    queryFn: () => fetchCommentPage(documentId, item, page),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const comments = q.data.groups[0]?.comments ?? [];
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <CommentList documentId={documentId} comments={comments} canDispose={canDispose} />
      {count > q.data.pageSize && (
        <Pagination size="small" current={page} pageSize={q.data.pageSize} total={count} showSizeChanger={false} onChange={setPage} />
      )}
    </Space>
  );
}

type Group = GroupedComments['groups'][number];

/** One item's card: its comments, or (a large round) its counts and a button that opens them. */
function GroupCard({ documentId, group: g, canDispose }: { documentId: number; group: Group; canDispose: boolean }) {
  const [isOpen, setOpen] = useState(false);
  const isPaged = g.comments.length < g.count;
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4} style={{ whiteSpace: 'normal' }}>
          {g.itemKey === null ? <Tag color="purple">Toàn văn bản</Tag> : <Tag>{itemKindLabels[g.kind ?? ''] ?? g.kind}</Tag>}
          {g.isRemoved && <Tag color="red">Mục đã bỏ khỏi dự thảo</Tag>}
          <Typography.Text style={{ fontWeight: 'normal' }}>{g.itemText ?? 'Góp ý chung'}</Typography.Text>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {formatVnNumber(g.count)} ý kiến{g.undisposed > 0 ? `, ${formatVnNumber(g.undisposed)} chưa xử lý` : ''}
        </Typography.Text>
      }
    >
      {!isPaged ? (
        <CommentList documentId={documentId} comments={g.comments} canDispose={canDispose} />
      ) : isOpen ? (
        <CommentPages documentId={documentId} item={g.itemKey ?? 'document'} count={g.count} canDispose={canDispose} />
      ) : (
        <Button onClick={() => setOpen(true)}>Xem {formatVnNumber(g.count)} ý kiến</Button>
      )}
    </Card>
  );
}

/**
 * Comments grouped by item, in the draft's order; each disposed of in place by the group. A
 * large round comes as counts, and an item's comments open a page at a time.
 */
export function CommentsPanel({ documentId, canDispose }: { documentId: number; canDispose: boolean }) {
  const comments = useQuery({ queryKey: consultationKeys.comments(documentId), queryFn: () => fetchComments(documentId) });
  if (comments.isPending) return <Loading />;
  if (comments.isError) return <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />;
  const { groups, total, undisposed } = comments.data;
  if (total === 0) return <EmptyState text="Chưa có ý kiến góp ý." />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>
        {formatVnNumber(total)} ý kiến; <Typography.Text strong>{formatVnNumber(undisposed)}</Typography.Text> chưa xử lý.
      </Typography.Text>
      {groups.map((g) => (
        <GroupCard key={g.itemKey ?? 'document'} documentId={documentId} group={g} canDispose={canDispose} />
      ))}
    </Space>
  );
}
