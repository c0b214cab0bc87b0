import { useState } from 'react';
import { App, Button, Card, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState } from '../../components/states';
import { downloadUrl } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { fetchReflections, reflectionColors, reflectionLabels, reviewReflection, type Reflection } from './study.api';

/** The cell secretary's queue: read each reflection, accept it or ask for a rewrite. */
export function ReflectionsPage() {
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
    mutationFn: (v: { r: Reflection; decision: 'accepted' | 'rewrite'; note?: string }) => reviewReflection(v.r.id, { version: v.r.version, decision: v.decision, note: v.note }),
    onSuccess: (r) => {
      void message.success(r.status === 'accepted' ? `Đã chấp nhận bài của đồng chí ${r.memberName}.` : `Đã yêu cầu đồng chí ${r.memberName} viết lại.`);
      setRewriting(null);
      setNote('');
      void qc.invalidateQueries({ queryKey: ['study', 'reflections'] });
    },
    onError: (e) => onError(e, { onConflict: () => void qc.invalidateQueries({ queryKey: ['study', 'reflections'] }) }),
  });
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>Bài thu hoạch của đảng viên</Typography.Title>
        <Segmented value={status} onChange={(v) => { setStatus(String(v)); setPage(1); }}
          options={[{ value: 'submitted', label: 'Chờ duyệt' }, { value: 'rewrite', label: 'Cần viết lại' }, { value: 'accepted', label: 'Đã chấp nhận' }, { value: 'all', label: 'Tất cả' }]} />
      </Space>
      {list.isError ? <ErrorState error={list.error} /> : (
        <List style={{ marginTop: 16 }} loading={list.isPending} dataSource={list.data?.items} locale={{ emptyText: 'Không có bài nào' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, hideOnSinglePage: true }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 12 }} data-testid={`reflection-${r.memberCode}`}
              title={<Space wrap>{r.memberName} <Typography.Text type="secondary">({r.memberCode}, {r.orgName})</Typography.Text><Tag color={reflectionColors[r.status]}>{reflectionLabels[r.status]}</Tag></Space>}
              extra={r.abilities.review && (
                <Space>
                  <Button type="primary" size="small" onClick={() => review.mutate({ r, decision: 'accepted' })} loading={review.isPending}>Chấp nhận</Button>
                  <Button size="small" onClick={() => setRewriting(r)}>Yêu cầu viết lại</Button>
                </Space>
              )}>
              <Typography.Text type="secondary">{r.documentTitle} — {formatDateTime(r.updatedAt)}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} ellipsis={{ rows: 6, expandable: true }}>{r.body}</Typography.Paragraph>
              {r.fileName && <a href={downloadUrl(`/study/reflections/${r.id}/file`)}>{r.fileName}</a>}
              {r.reviewNote && <Typography.Paragraph type="warning">Nhận xét: {r.reviewNote}</Typography.Paragraph>}
            </Card>
          )} />
      )}
      <Modal open={!!rewriting} title={`Yêu cầu viết lại: ${rewriting?.memberName ?? ''}`} okText="Gửi" cancelText="Hủy" onCancel={() => setRewriting(null)}
        okButtonProps={{ disabled: !note.trim(), loading: review.isPending }} onOk={() => rewriting && review.mutate({ r: rewriting, decision: 'rewrite', note: note.trim() })}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Cần bổ sung, sửa điều gì" aria-label="Nhận xét" />
      </Modal>
    </div>
  );
}
