import { useState } from 'react';
import { App, Alert, Button, Card, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  createPledge, fetchMyStudy, reflectionColors, reflectionLabels, rewriteReflection, statusColors, statusLabels, studyKeys, writeReflection, type MyStudy,
} from './study.api';

/**
 * A member's own page, usable on a phone: what to study, their sessions and check-ins, their
 * reflections (write, rewrite when asked) and personal pledges.
 */
export function MyStudyPage() {
  const me = useQuery({ queryKey: studyKeys.me, queryFn: fetchMyStudy });
  const [writing, setWriting] = useState<{ documentId: number; reflectionId?: number; version?: number; body?: string } | null>(null);
  const [pledging, setPledging] = useState<number | null>(null);
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const d = me.data;
  const reflectionOf = (docId: number) => d.reflections.find((r) => r.documentId === docId);
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>Học tập của tôi</Typography.Title>
      <Typography.Paragraph type="secondary">Đồng chí {d.member.fullName} ({d.member.code}) — {d.member.orgName}</Typography.Paragraph>
      <Card size="small" title="Văn bản cần học tập" data-testid="my-documents">
        <List dataSource={d.documents} locale={{ emptyText: 'Chưa có văn bản nào' }} renderItem={(doc) => {
          const r = reflectionOf(doc.id);
          return (
            <List.Item actions={[
              ...(!r || r.abilities.edit ? [<Button key="w" size="small" onClick={() => setWriting({ documentId: doc.id, reflectionId: r?.id, version: r?.version, body: r?.body })}>{r ? 'Viết lại bài thu hoạch' : 'Viết bài thu hoạch'}</Button>] : []),
              ...(!doc.hasPledge ? [<Button key="p" size="small" onClick={() => setPledging(doc.id)}>Cam kết</Button>] : []),
            ]}>
              <List.Item.Meta
                title={`${doc.symbol} — ${doc.title}`}
                description={<Space wrap size={4}>
                  {doc.studiedOn ? <Tag color="green">Đã học tập ngày {formatDate(doc.studiedOn)}</Tag> : <Tag color="red">Chưa học tập</Tag>}
                  {doc.reflectionStatus && <Tag color={reflectionColors[doc.reflectionStatus]}>Bài thu hoạch: {reflectionLabels[doc.reflectionStatus]}</Tag>}
                  {doc.hasPledge && <Tag color="blue">Đã cam kết</Tag>}
                </Space>}
              />
            </List.Item>
          );
        }} />
      </Card>
      <Card size="small" title="Hội nghị, buổi học" style={{ marginTop: 12 }}>
        <List dataSource={d.sessions} locale={{ emptyText: 'Chưa có hội nghị nào' }} renderItem={(s) => (
          <List.Item>
            <List.Item.Meta
              title={<Space wrap size={4}>{s.title}{s.isMakeup && <Tag color="purple">Học bù</Tag>}</Space>}
              description={<>
                {formatDateTime(s.startsAt)}{s.pointName ? ` — ${s.pointName}` : ''}{s.place ? `, ${s.place}` : ''}
                <div>{s.status ? <Tag color={statusColors[s.status]}>{statusLabels[s.status]}</Tag> : <Tag>Chưa điểm danh</Tag>}
                  {s.videoUrl && <a href={s.videoUrl} target="_blank" rel="noreferrer">Vào hội nghị trực tuyến</a>}</div>
              </>}
            />
          </List.Item>
        )} />
      </Card>
      <Card size="small" title="Bài thu hoạch" style={{ marginTop: 12 }}>
        <List dataSource={d.reflections} locale={{ emptyText: 'Chưa có bài thu hoạch' }} renderItem={(r) => (
          <List.Item>
            <List.Item.Meta title={<Space wrap>{r.documentTitle}<Tag color={reflectionColors[r.status]}>{reflectionLabels[r.status]}</Tag></Space>}
              description={<>{r.status === 'rewrite' && r.reviewNote && <Alert type="warning" showIcon message={`Chi bộ đề nghị: ${r.reviewNote}`} style={{ marginBottom: 8 }} />}
                <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>{r.body || r.fileName}</Typography.Paragraph></>} />
          </List.Item>
        )} />
      </Card>
      <Card size="small" title="Cam kết cá nhân" style={{ marginTop: 12 }}>
        <List dataSource={d.pledges} locale={{ emptyText: 'Chưa có bản cam kết' }} renderItem={(p) => (
          <List.Item>
            <List.Item.Meta title={`Năm ${p.year} — ${p.documentTitle}`} description={<ol style={{ margin: 0, paddingLeft: 18 }}>{p.commitments.map((c, i) => <li key={i}>{c}</li>)}</ol>} />
          </List.Item>
        )} />
      </Card>
      {writing && <ReflectionDialog state={writing} documents={d.documents} onClose={() => setWriting(null)} />}
      {pledging && <PledgeDialog documentId={pledging} onClose={() => setPledging(null)} />}
    </div>
  );
}

function ReflectionDialog({ state, documents, onClose }: { state: { documentId: number; reflectionId?: number; version?: number; body?: string }; documents: MyStudy['documents']; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ body: string }>();
  const doc = documents.find((x) => x.id === state.documentId);
  const save = useMutation({
    mutationFn: (v: { body: string }) => (state.reflectionId
      ? rewriteReflection(state.reflectionId, { version: state.version!, body: v.body })
      : writeReflection({ documentId: state.documentId, body: v.body })),
    onSuccess: () => {
      void message.success('Đã nộp bài thu hoạch.');
      void qc.invalidateQueries({ queryKey: studyKeys.me });
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title={`Bài thu hoạch: ${doc?.symbol ?? ''}`} okText="Nộp bài" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width="min(680px, 96vw)">
      <Form form={form} layout="vertical" initialValues={{ body: state.body ?? '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="body" label="Nội dung (nhận thức, liên hệ bản thân, việc sẽ làm)" rules={[{ required: true, min: 50, message: 'Bài thu hoạch cần ít nhất 50 ký tự' }]}>
          <Input.TextArea rows={10} aria-label="Nội dung bài thu hoạch" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PledgeDialog({ documentId, onClose }: { documentId: number; onClose: () => void }) {
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ year: number; commitments: string }>();
  const save = useMutation({
    mutationFn: (v: { year: number; commitments: string }) => createPledge({ documentId, year: v.year, commitments: v.commitments.split('\n').map((c) => c.trim()).filter(Boolean) }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: studyKeys.me }); onClose(); },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Cam kết cá nhân thực hiện Nghị quyết" okText="Lưu" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="year" label="Năm"><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="commitments" label="Các cam kết (mỗi dòng một việc)" rules={[{ required: true, message: 'Hãy ghi ít nhất một cam kết' }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
