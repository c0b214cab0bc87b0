import { useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { PaperClipOutlined } from '@ant-design/icons';
import {
  answerExplanation,
  closeExplanation,
  createExplanation,
  explanationFileUrl,
  fetchExplanation,
  fetchExplanations,
  replyExplanation,
  reportKeys,
  sendExplanationFile,
  type Explanation,
} from './reports.api';
import { formatDateTime, formatDay, formatNumber, useReportsT } from './reports.i18n';
import { useFollowupT } from './followup.i18n';

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

const kindColor: Record<string, string> = { question: '#cf1322', answer: '#1677ff', comment: '#d46b08', close: '#595959' };

/**
 * One request with its thread: the responsible org answers, the asking side replies and closes
 * with a note, either side sends a file with its message. Stacked, not side by side, so that it
 * is usable on a phone.
 */
export function ExplanationThread({ id }: { id: number }) {
  const { r } = useReportsT();
  const { f } = useFollowupT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const q = useQuery({ queryKey: reportKeys.explanation(id), queryFn: () => fetchExplanation(id) });
  const after = (text: string) => (next: Explanation) => {
    qc.setQueryData(reportKeys.explanation(id), next);
    void qc.invalidateQueries({ queryKey: ['explanations'] });
    void qc.invalidateQueries({ queryKey: ['my-work'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    setBody('');
    setFile(null);
    setFileKey((k) => k + 1);
    setClosing(false);
    setNote('');
    void message.success(text);
  };
  const onError = (e: Error) => {
    void message.error(e.message);
    if (e instanceof ApiError && e.isVersionConflict) void q.refetch();
  };
  const side: 'answer' | 'reply' = q.data?.abilities.answer ? 'answer' : 'reply';
  const send = useMutation({
    mutationFn: () => {
      const v = q.data!.version;
      if (file) return sendExplanationFile(id, { version: v, as: side, body, file });
      return side === 'answer' ? answerExplanation(id, v, body) : replyExplanation(id, v, body);
    },
    onSuccess: after(f('sent')),
    onError,
  });
  const close = useMutation({ mutationFn: () => closeExplanation(id, q.data!.version, note), onSuccess: after(f('closed')), onError });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  const canWrite = e.abilities.answer || e.abilities.reply;
  const label = side === 'answer' ? r('answer') : f('reply');
  return (
    <Card
      size="small"
      data-testid={`explanation-${e.id}`}
      style={{ marginBottom: 12 }}
      title={
        <Space wrap size={4}>
          <Tag color={statusColor[e.status]} data-testid="explanation-status">
            {r(`e.${e.status}`)}
          </Tag>
          {e.isOverdue && (
            <Tag color="red" data-testid="explanation-overdue">
              {f('overdue')}
            </Tag>
          )}
          <span style={{ whiteSpace: 'normal' }}>{e.orgName}</span>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {r('deadline')}: {formatDay(e.dueDate)}
      </Typography.Paragraph>
      {e.subject && <Typography.Paragraph strong>{e.subject}</Typography.Paragraph>}
      <div role="log" aria-label={r('thread')}>
        {(e.messages ?? []).map((m) => (
          <div
            key={m.id}
            className={`explanation-message ${m.kind}`}
            style={{ borderLeft: `3px solid ${kindColor[m.kind] ?? '#1677ff'}`, padding: '4px 10px', margin: '6px 0' }}
          >
            <Typography.Text type="secondary">
              {f(`mk.${m.kind}`)} — {m.authorName ?? ''} — {formatDateTime(m.createdAt)}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={`message-${m.kind}`}>
              {m.body}
            </div>
            {m.files.length > 0 && (
              <ul aria-label={f('attachments')} style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {m.files.map((x) => (
                  <li key={x.id}>
                    <a href={explanationFileUrl(e.id, x.id)} data-testid="explanation-file" style={{ overflowWrap: 'anywhere' }}>
                      <PaperClipOutlined /> {x.fileName}
                    </a>{' '}
                    <Typography.Text type="secondary">({formatNumber(x.sizeBytes / 1024, 1)} KB)</Typography.Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
      {canWrite && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} size={6}>
          <Input.TextArea
            aria-label={label}
            placeholder={label}
            autoSize={{ minRows: 2 }}
            value={body}
            onChange={(ev) => setBody(ev.target.value)}
            data-testid={side === 'answer' ? 'explanation-answer-input' : 'explanation-reply-input'}
          />
          <Space wrap>
            {/* The browser's own file field says "Choose File / No file chosen" in the browser's
                language; a Vietnamese button opens it and the chosen file's name is shown. */}
            <input
              key={fileKey}
              ref={fileInput}
              type="file"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden
              accept=".pdf,.docx,.doc,.xlsx,.xls,.pptx,.odt,.ods,.png,.jpg,.jpeg"
              onChange={(ev) => setFile(ev.target.files?.[0] ?? null)}
              data-testid="explanation-file-input"
            />
            <Button icon={<PaperClipOutlined aria-hidden />} onClick={() => fileInput.current?.click()}>
              {f('attach')}
            </Button>
            {file && <Typography.Text data-raw>{file.name}</Typography.Text>}
            <Button
              type="primary"
              disabled={body.trim().length < 3 && !file}
              loading={send.isPending}
              onClick={() => send.mutate()}
              data-testid={side === 'answer' ? 'explanation-answer' : 'explanation-reply'}
            >
              {label}
            </Button>
          </Space>
        </Space>
      )}
      {e.abilities.close && !closing && (
        <Button style={{ marginTop: 8 }} onClick={() => setClosing(true)} data-testid="explanation-close">
          {r('closeRequest')}
        </Button>
      )}
      {e.abilities.close && closing && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} size={6}>
          <Input.TextArea
            aria-label={f('closeNote')}
            placeholder={f('closeNote')}
            autoSize={{ minRows: 2 }}
            value={note}
            onChange={(ev) => setNote(ev.target.value)}
            data-testid="explanation-close-note"
          />
          <Space wrap>
            <Button onClick={() => setClosing(false)}>{f('cancel')}</Button>
            <Button
              type="primary"
              disabled={note.trim().length < 3}
              loading={close.isPending}
              onClick={() => close.mutate()}
              data-testid="explanation-close-confirm"
            >
              {f('closeThread')}
            </Button>
          </Space>
        </Space>
      )}
      {e.status === 'closed' && e.closedNote && (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="explanation-closed-note">
          <Typography.Text strong>{f('closedNote')}:</Typography.Text> {e.closedNote}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The page of one request (links from notifications, escalations and "Việc của tôi"). */
export function ExplanationPage({ id }: { id: number }) {
  const { r } = useReportsT();
  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={1} className="page-title">
        {r('explanations')}
      </Typography.Title>
      <ExplanationThread id={id} />
    </div>
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
