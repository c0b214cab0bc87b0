import { useState } from 'react';
import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { CommentCard } from './comment-card';
import { CommentForm, type CommentValues } from './comment-form';
import { approveComment, consultationKeys, createComment, draftDocxUrl, fetchComments, fetchInbox, fetchVersion } from './consultation.api';
import { answerLabels, itemKindLabels } from './labels';

/**
 * The recipient's page: the version sent to them, item by item, with a comment on any item or
 * on the whole document; an org's comments wait for its leader, who sends them from here.
 */
export function RecipientPage({ versionId, recipientId }: { versionId: number; recipientId: number | undefined }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [openKey, setOpenKey] = useState<string | null>(null);
  const version = useQuery({ queryKey: consultationKeys.version(versionId), queryFn: () => fetchVersion(versionId) });
  const inbox = useQuery({ queryKey: consultationKeys.inbox, queryFn: fetchInbox });
  const docId = version.data?.documentId;
  const comments = useQuery({
    queryKey: consultationKeys.comments(docId ?? 0),
    queryFn: () => fetchComments(docId!),
    enabled: docId !== undefined,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: consultationKeys.all });
  const send = useMutation({
    mutationFn: (v: CommentValues & { itemKey: string | null }) =>
      createComment({
        recipientId: recipientId!,
        itemKey: v.itemKey,
        body: v.body,
        proposedText: v.proposedText || null,
        proposedValue: v.proposedValue ?? null,
      }),
    onSuccess: (c) => {
      void message.success(c.status === 'sent' ? 'Đã gửi góp ý.' : 'Đã lưu góp ý; chờ lãnh đạo đơn vị duyệt gửi.');
      setOpenKey(null);
      refresh();
    },
    onError: (e) => onError(e),
  });
  const approve = useMutation({
    mutationFn: approveComment,
    onSuccess: () => {
      void message.success('Đã duyệt và gửi góp ý nhân danh đơn vị.');
      refresh();
    },
    onError: (e) => onError(e),
  });
  if (version.isPending) return <Loading />;
  if (version.isError) return <ErrorState error={version.error} onRetry={() => void version.refetch()} />;
  const v = version.data;
  const me = inbox.data?.items.find((i) => i.recipientId === recipientId);
  const byItem = new Map<string, number>();
  for (const g of comments.data?.groups ?? []) byItem.set(g.itemKey ?? '', g.count);
  const mine = (comments.data?.groups ?? []).flatMap((g) => g.comments);
  const canComment = recipientId !== undefined && me !== undefined;
  const submit = (itemKey: string | null) => (values: CommentValues) => send.mutateAsync({ ...values, itemKey });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {v.documentTitle}
        </Typography.Title>
        <Typography.Text type="secondary">
          {v.documentSymbol} · Dự thảo lần {v.versionNo}
          {me ? ` · Góp ý nhân danh: ${me.recipientName} · Hạn ${formatDate(me.deadline)}` : ''}
        </Typography.Text>
        {me && (
          <div style={{ marginTop: 4 }}>
            <Tag color={answerLabels[me.state].color}>{answerLabels[me.state].text}</Tag>
          </div>
        )}
        <Space wrap style={{ marginTop: 8 }}>
          <Button href={draftDocxUrl(v.id)} download>
            Tải dự thảo (Word)
          </Button>
          <Button href={draftDocxUrl(v.id, true)} download>
            Word có đánh số dòng
          </Button>
        </Space>
      </div>
      {!canComment && <Alert type="info" showIcon message="Bạn chỉ xem dự thảo này; hãy mở từ trang Góp ý dự thảo để góp ý." />}
      {canComment && (
        <Card title="Góp ý chung cho toàn văn bản" size="small">
          <CommentForm onSubmit={submit(null)} isPending={send.isPending} withValue={false} />
        </Card>
      )}
      <Card title="Nội dung dự thảo" size="small">
        <List
          dataSource={v.items}
          renderItem={(i) => (
            <List.Item key={i.stableKey} style={{ display: 'block', paddingLeft: Math.min(i.depth, 4) * 16 }}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag>{itemKindLabels[i.kind] ?? i.kind}</Tag>
                  {i.value !== null && <Tag color="blue">{`${formatVnNumber(i.value)}${i.unit ? ` ${i.unit}` : ''}`}</Tag>}
                  {(byItem.get(i.stableKey) ?? 0) > 0 && <Tag color="purple">{byItem.get(i.stableKey)} góp ý</Tag>}
                </Space>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Text>
                {canComment &&
                  (openKey === i.stableKey ? (
                    <CommentForm onSubmit={submit(i.stableKey)} isPending={send.isPending} withValue={i.value !== null} />
                  ) : (
                    <Button size="small" onClick={() => setOpenKey(i.stableKey)} aria-label={`Góp ý mục: ${i.text.slice(0, 60)}`}>
                      Góp ý mục này
                    </Button>
                  ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title="Góp ý của đơn vị, cá nhân" size="small">
        {mine.length === 0 ? (
          <Typography.Text type="secondary">Chưa có góp ý.</Typography.Text>
        ) : (
          mine.map((c) => (
            <CommentCard key={c.id} comment={c}>
              {c.canApprove && (
                <Button type="primary" size="small" loading={approve.isPending} onClick={() => approve.mutate(c.id)}>
                  Duyệt và gửi nhân danh đơn vị
                </Button>
              )}
            </CommentCard>
          ))
        )}
      </Card>
    </Space>
  );
}
