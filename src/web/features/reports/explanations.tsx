import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import {
  answerExplanation,
  closeExplanation,
  createExplanation,
  fetchExplanation,
  fetchExplanations,
  reportKeys,
  type Explanation,
} from './reports.api';
import { formatDateTime, formatDay, useReportsT } from './reports.i18n';

const statusColor: Record<Explanation['status'], string> = { open: 'red', answered: 'blue', closed: 'default' };

export type ExplanationSubject = { itemId?: number; taskId?: number; text: string };

/** Asks an org for an explanation about a red target or a late task, with a deadline. */
export function AskExplanationModal({
  subject,
  orgs,
  defaultOrgId,
  onClose,
}: {
  subject: ExplanationSubject;
  orgs: { id: number; name: string }[];
  defaultOrgId: number;
  onClose: () => void;
}) {
  const { r } = useReportsT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ orgId: number; question: string; dueDate: Dayjs }>();
  const ask = useMutation({
    mutationFn: (v: { orgId: number; question: string; dueDate: Dayjs }) =>
      createExplanation({
        itemId: subject.itemId,
        taskId: subject.taskId,
        orgId: v.orgId,
        question: v.question,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      void message.success(r('asked'));
      void qc.invalidateQueries({ queryKey: ['explanations'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      onClose();
    },
    onError: (e: Error) => {
      if (e instanceof ApiError && e.fields.length > 0) {
        form.setFields(e.fields.map((f) => ({ name: f.field.replace(/^body\./, ''), errors: [f.message] })) as never);
      } else void message.error(e.message);
    },
  });
  return (
    <Modal
      open
      title={r('askExplanation')}
      okText={r('send')}
      cancelText={r('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: ask.isPending, 'data-testid': 'explanation-send' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{subject.text}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => ask.mutate(v)}
        id="explanation-form"
        initialValues={{ orgId: defaultOrgId, dueDate: dayjs().add(14, 'day') }}
      >
        <Form.Item name="orgId" label={r('askedOrg')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            data-testid="explanation-org"
          />
        </Form.Item>
        <Form.Item name="question" label={r('question')} rules={[{ required: true, min: 5, message: r('questionRequired') }]}>
          <Input.TextArea rows={4} autoFocus data-testid="explanation-question" />
        </Form.Item>
        <Form.Item name="dueDate" label={r('deadline')} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" data-testid="explanation-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One request with its thread; the responsible org answers, the asking side closes. */
export function ExplanationThread({ id }: { id: number }) {
  const { r } = useReportsT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const q = useQuery({ queryKey: reportKeys.explanation(id), queryFn: () => fetchExplanation(id) });
  const after = (text: string) => (next: Explanation) => {
    qc.setQueryData(reportKeys.explanation(id), next);
    void qc.invalidateQueries({ queryKey: ['explanations'] });
    void qc.invalidateQueries({ queryKey: ['my-work'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    setBody('');
    void message.success(text);
  };
  const onError = (e: Error) => {
    void message.error(e.message);
    if (e instanceof ApiError && e.isVersionConflict) void q.refetch();
  };
  const answer = useMutation({ mutationFn: () => answerExplanation(id, q.data!.version, body), onSuccess: after(r('answered')), onError });
  const close = useMutation({ mutationFn: () => closeExplanation(id, q.data!.version), onSuccess: after(r('closed')), onError });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  return (
    <Card
      size="small"
      data-testid={`explanation-${e.id}`}
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          <Tag color={statusColor[e.status]} data-testid="explanation-status">
            {r(`e.${e.status}`)}
          </Tag>
          {e.orgName}
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {r('deadline')}: {formatDay(e.dueDate)}
        </Typography.Text>
      }
    >
      {e.subject && <Typography.Paragraph strong>{e.subject}</Typography.Paragraph>}
      <div role="log" aria-label={r('thread')}>
        {(e.messages ?? []).map((m) => (
          <div
            key={m.id}
            className={`explanation-message ${m.kind}`}
            style={{ borderLeft: `3px solid ${m.kind === 'question' ? '#cf1322' : '#1677ff'}`, padding: '4px 10px', margin: '6px 0' }}
          >
            <Typography.Text type="secondary">
              {m.kind === 'question' ? r('question') : r('answer')} — {m.authorName ?? ''} — {formatDateTime(m.createdAt)}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }} data-testid={`message-${m.kind}`}>
              {m.body}
            </div>
          </div>
        ))}
      </div>
      {e.abilities.answer && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            aria-label={r('answer')}
            placeholder={r('answer')}
            autoSize={{ minRows: 2 }}
            value={body}
            onChange={(ev) => setBody(ev.target.value)}
            data-testid="explanation-answer-input"
          />
          <Button
            type="primary"
            disabled={body.trim().length < 3}
            loading={answer.isPending}
            onClick={() => answer.mutate()}
            data-testid="explanation-answer"
          >
            {r('answer')}
          </Button>
        </Space.Compact>
      )}
      {e.abilities.close && e.status !== 'closed' && (
        <Button style={{ marginTop: 8 }} loading={close.isPending} onClick={() => close.mutate()} data-testid="explanation-close">
          {r('closeRequest')}
        </Button>
      )}
    </Card>
  );
}

/** The requests about one target or task, each with its thread, in a drawer beside the dashboard. */
export function ExplanationsDrawer({ subject, onClose }: { subject: ExplanationSubject; onClose: () => void }) {
  const { r } = useReportsT();
  const query = { itemId: subject.itemId, taskId: subject.taskId };
  const q = useQuery({ queryKey: reportKeys.explanations(query), queryFn: () => fetchExplanations(query) });
  return (
    <Drawer open title={r('explanations')} size={560} onClose={onClose} data-testid="explanations-drawer">
      <Typography.Paragraph type="secondary">{subject.text}</Typography.Paragraph>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState text={r('none')} />
      ) : (
        q.data.map((e) => <ExplanationThread key={e.id} id={e.id} />)
      )}
    </Drawer>
  );
}
