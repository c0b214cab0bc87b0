import { useState } from 'react';
import { App, Button, Card, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState } from '../../components/states';
import { downloadUrl } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { fetchReflections, reflectionColors, reviewReflection, type Reflection } from './study.api';
import { useStudyT } from './study.i18n';

/** The cell secretary's queue: read each reflection, accept it or ask for a rewrite. */
export function ReflectionsPage() {
  const { s } = useStudyT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [status, setStatus] = useState<string>('submitted');
  const [page, setPage] = useState(1);
  const [rewriting, setRewriting] = useState<Reflection | null>(null);
  const [note, setNote] = useState('');
  const q = { status: status === 'all' ? undefined : status, page, pageSize: 20 };
  const list = useQuery({ queryKey: ['study', 'reflections', q], queryFn: () => fetchReflections(q) });
  const review = useMutation({
    mutationFn: (v: { r: Reflection; decision: 'accepted' | 'rewrite'; note?: string }) =>
      reviewReflection(v.r.id, { version: v.r.version, decision: v.decision, note: v.note }),
    onSuccess: (r) => {
      void message.success(s(r.status === 'accepted' ? 'acceptedOf' : 'rewriteAskedOf', { name: r.memberName }));
      setRewriting(null);
      setNote('');
      void qc.invalidateQueries({ queryKey: ['study', 'reflections'] });
    },
    onError: (e) => onError(e, { onConflict: () => void qc.invalidateQueries({ queryKey: ['study', 'reflections'] }) }),
  });
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          {s('reflectionsTitle')}
        </Typography.Title>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(String(v));
            setPage(1);
          }}
          options={[
            { value: 'submitted', label: s('rf.submitted') },
            { value: 'rewrite', label: s('rf.rewrite') },
            { value: 'accepted', label: s('rf.accepted') },
            { value: 'all', label: s('all') },
          ]}
        />
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} />
      ) : (
        <List
          style={{ marginTop: 16 }}
          loading={list.isPending}
          dataSource={list.data?.items}
          locale={{ emptyText: s('noReflections') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, hideOnSinglePage: true }}
          renderItem={(r) => (
            <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
              <Card
                size="small"
                style={{ marginBottom: 12 }}
                data-testid={`reflection-${r.memberCode}`}
                title={
                  <Space wrap>
                    {r.memberName}{' '}
                    <Typography.Text type="secondary">
                      ({r.memberCode}, {r.orgName})
                    </Typography.Text>
                    <Tag color={reflectionColors[r.status]}>{s(`rf.${r.status}`)}</Tag>
                  </Space>
                }
                extra={
                  r.abilities.review && (
                    <Space>
                      <Button
                        type="primary"
                        size="small"
                        onClick={() => review.mutate({ r, decision: 'accepted' })}
                        loading={review.isPending}
                      >
                        {s('accept')}
                      </Button>
                      <Button size="small" onClick={() => setRewriting(r)}>
                        {s('askRewrite')}
                      </Button>
                    </Space>
                  )
                }
              >
                <Typography.Text type="secondary">
                  {r.documentTitle} — {formatDateTime(r.updatedAt)}
                </Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} ellipsis={{ rows: 6, expandable: true }}>
                  {r.body}
                </Typography.Paragraph>
                {r.fileName && <a href={downloadUrl(`/study/reflections/${r.id}/file`)}>{r.fileName}</a>}
                {r.reviewNote && <Typography.Paragraph type="warning">{s('reviewNote', { note: r.reviewNote })}</Typography.Paragraph>}
              </Card>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={!!rewriting}
        title={s('askRewriteOf', { name: rewriting?.memberName ?? '' })}
        okText={s('send')}
        cancelText={s('cancel')}
        onCancel={() => setRewriting(null)}
        okButtonProps={{ disabled: !note.trim(), loading: review.isPending }}
        onOk={() => rewriting && review.mutate({ r: rewriting, decision: 'rewrite', note: note.trim() })}
      >
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={s('rewriteWhat')}
          aria-label={s('noteLabel')}
        />
      </Modal>
    </div>
  );
}
