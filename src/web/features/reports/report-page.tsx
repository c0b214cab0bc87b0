import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, downloadUrl } from '../../lib/api';
import { formatPeriod } from '../../lib/format';
import { ErrorState, Loading } from '../../components/states';
import {
  approveReport,
  fetchReport,
  newIdempotencyKey,
  reportKeys,
  returnReport,
  saveReport,
  submitReport,
  uploadReportFile,
  type Report,
  type ReportStatus,
  type SaveReportInput,
} from './reports.api';
import { formatDateTime, formatDay, formatNumber, useReportsT } from './reports.i18n';
import { TargetCards, TargetsRead, TaskCards, TasksRead, type TargetDraft, type TaskDraft } from './report-form';

export const reportStatusColor: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
};

type Draft = { narrative: string; targets: Record<number, TargetDraft>; tasks: Record<number, TaskDraft> };

function draftOf(r: Report): Draft {
  return {
    narrative: r.narrative ?? '',
    targets: Object.fromEntries(
      r.targets.map((t) => [
        t.itemId,
        {
          itemId: t.itemId,
          value: t.reported?.value ?? null,
          numerator: t.reported?.numerator ?? null,
          denominator: t.reported?.denominator ?? null,
          source: t.reported?.source ?? null,
          note: t.reported?.note ?? null,
          includesChildren: t.reported?.includesChildren ?? false,
        },
      ]),
    ),
    tasks: Object.fromEntries(
      r.tasks.map((t) => [
        t.taskId,
        {
          taskId: t.taskId,
          status: t.reported?.status ?? t.status,
          progress: t.reported?.progress ?? t.progress,
          doneText: t.reported?.doneText ?? null,
        },
      ]),
    ),
  };
}

/** A report of an org for a period: fill it in (draft, returned), or read it and approve or return it. */
export function ReportPage({ id }: { id: number }) {
  const { r, locale } = useReportsT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: reportKeys.one(id), queryFn: () => fetchReport(id) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  // The key of the submit or approve click in flight: a retry after a network error resends it.
  const pendingKey = useRef<{ action: string; key: string } | null>(null);

  // The form restarts from the server only when the report itself moved on (saved, submitted,
  // returned, another user's change): attaching a file refetches it without losing typed edits.
  const loaded = q.data;
  const stamp = loaded ? `${loaded.version}:${loaded.status}` : null;
  useEffect(() => {
    if (loaded) setDraft(draftOf(loaded));
  }, [stamp]);

  const onDone = (next: Report, text: string) => {
    qc.setQueryData(reportKeys.one(id), next);
    void qc.invalidateQueries({ queryKey: reportKeys.all });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    void qc.invalidateQueries({ queryKey: ['my-work'] });
    void message.success(text);
  };
  const onError = (e: Error) => {
    if (e instanceof ApiError && e.isVersionConflict) {
      void message.warning(r('conflict'));
      void q.refetch();
      return;
    }
    void message.error(e.message);
  };

  const payload = (rep: Report, d: Draft): SaveReportInput => ({
    version: rep.version,
    narrative: d.narrative,
    targets: Object.values(d.targets),
    tasks: Object.values(d.tasks),
  });
  const save = useMutation({
    mutationFn: (d: Draft) => saveReport(id, payload(q.data!, d)),
    onSuccess: (n) => onDone(n, r('saved')),
    onError,
  });
  const keyFor = (action: string) => {
    if (pendingKey.current?.action !== action) pendingKey.current = { action, key: newIdempotencyKey() };
    return pendingKey.current.key;
  };
  const settle = (e: Error | null) => {
    // A network failure keeps the key so the same click can be retried safely.
    if (!(e instanceof ApiError && e.code === 'network')) pendingKey.current = null;
  };
  const submit = useMutation({
    mutationFn: async (d: Draft) => {
      let rep = q.data!;
      if (rep.abilities.update) rep = await saveReport(id, payload(rep, d));
      return submitReport(id, rep.version, keyFor('submit'));
    },
    onSuccess: (n) => {
      settle(null);
      onDone(n, r('submittedOk'));
    },
    onError: (e) => {
      settle(e);
      onError(e);
    },
  });
  const approve = useMutation({
    mutationFn: () => approveReport(id, q.data!.version, keyFor('approve')),
    onSuccess: (n) => {
      settle(null);
      onDone(n, r('approvedOk'));
    },
    onError: (e) => {
      settle(e);
      onError(e);
    },
  });
  const sendBack = useMutation({
    mutationFn: () => returnReport(id, q.data!.version, comment),
    onSuccess: (n) => {
      setReturning(false);
      setComment('');
      onDone(n, r('returnedOk'));
    },
    onError,
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadReportFile(id, file),
    onSuccess: () => {
      void q.refetch();
    },
    onError,
  });

  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const rep = q.data;
  if (!draft) return <Loading />;
  const editable = rep.abilities.update;
  const setTarget = (itemId: number, patch: Partial<TargetDraft>) =>
    setDraft((d) => (d ? { ...d, targets: { ...d.targets, [itemId]: { ...d.targets[itemId]!, ...patch } } } : d));
  const setTask = (taskId: number, patch: Partial<TaskDraft>) =>
    setDraft((d) => (d ? { ...d, tasks: { ...d.tasks, [taskId]: { ...d.tasks[taskId]!, ...patch } } } : d));
  const busy = save.isPending || submit.isPending || approve.isPending || sendBack.isPending;

  return (
    <div data-testid="report-page">
      <Typography.Text type="secondary">
        <Link to="/reports">{r('reports')}</Link> / {rep.documentSymbol}
      </Typography.Text>
      <Space align="center" wrap style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={1} className="page-title" style={{ margin: '4px 0' }} data-testid="report-title">
          {r('reports')} {formatPeriod(rep.periodKey, locale === 'en' ? 'en' : 'vi')} — {rep.orgName}
        </Typography.Title>
        <Space wrap>
          <Tag color={reportStatusColor[rep.status]} data-testid="report-status">
            {r(`s.${rep.status}`)}
          </Tag>
          {rep.lateness.isLate && (
            <Tag color="red" data-testid="report-late">
              {r(rep.firstSubmittedAt ? 'sentLate' : 'notSentLate', { days: rep.lateness.days })}
            </Tag>
          )}
          {/* The form's submit button: Enter in a field of the form saves the draft (never sends it). */}
          {editable && (
            <Button
              htmlType="submit"
              form="report-form"
              icon={<SaveOutlined />}
              loading={save.isPending}
              disabled={busy}
              data-testid="report-save"
            >
              {r('save')}
            </Button>
          )}
          {rep.abilities.submit && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submit.isPending}
              disabled={busy}
              onClick={() => submit.mutate(draft)}
              data-testid="report-submit"
            >
              {r('submit')}
            </Button>
          )}
          {rep.abilities.return && (
            <Button danger icon={<RollbackOutlined />} disabled={busy} onClick={() => setReturning(true)} data-testid="report-return">
              {r('return')}
            </Button>
          )}
          {rep.abilities.approve && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={approve.isPending}
              disabled={busy}
              onClick={() => approve.mutate()}
              data-testid="report-approve"
            >
              {r('approve')}
            </Button>
          )}
        </Space>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={r('document')}>
          {rep.documentSymbol} — {rep.documentTitle}
        </Descriptions.Item>
        <Descriptions.Item label={r('period')}>
          {formatDay(rep.periodStart)} – {formatDay(rep.periodEnd)}
        </Descriptions.Item>
        <Descriptions.Item label={r('dueDate')}>{formatDay(rep.dueDate)}</Descriptions.Item>
      </Descriptions>
      {rep.status === 'returned' && rep.returnComment && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={r('returnedBanner')}
          description={rep.returnComment}
          data-testid="return-comment"
        />
      )}
      {rep.reapprovals.map((f) => (
        <Alert
          key={f.id}
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={r('reapprovalBanner')}
          data-testid="reapproval"
          description={
            <>
              <div>{f.reason}</div>
              {f.differences.map((d) => (
                <div key={d.itemId}>
                  {r('reapprovalLine', { figure: d.figure, before: formatNumber(d.before), after: formatNumber(d.after) })}
                </div>
              ))}
            </>
          }
        />
      ))}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={r('readOnly')} />}

      <Form
        layout="vertical"
        id="report-form"
        onFinish={() => {
          if (editable && !busy) save.mutate(draft);
        }}
        requiredMark={false}
      >
        <Card size="small" title={<h2 className="card-heading">{r('targets')}</h2>} style={{ marginBottom: 12 }}>
          {editable ? (
            <TargetCards targets={rep.targets} drafts={draft.targets} onChange={setTarget} />
          ) : (
            <TargetsRead
              targets={rep.targets}
              previousPeriod={rep.previous ? formatPeriod(rep.previous.periodKey, locale === 'en' ? 'en' : 'vi') : null}
            />
          )}
        </Card>

        <Card size="small" title={<h2 className="card-heading">{r('tasks')}</h2>} style={{ marginBottom: 12 }}>
          {editable ? <TaskCards tasks={rep.tasks} drafts={draft.tasks} onChange={setTask} /> : <TasksRead tasks={rep.tasks} />}
        </Card>

        <Card size="small" title={<h2 className="card-heading">{r('narrative')}</h2>} style={{ marginBottom: 12 }}>
          {editable ? (
            <Input.TextArea
              aria-label={r('narrative')}
              autoSize={{ minRows: 3, maxRows: 14 }}
              value={draft.narrative}
              onChange={(e) => setDraft({ ...draft, narrative: e.target.value })}
              data-testid="report-narrative"
            />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="report-narrative-text">
              {rep.narrative || r('none')}
            </Typography.Paragraph>
          )}
        </Card>
      </Form>

      <Card
        size="small"
        title={r('evidence')}
        style={{ marginBottom: 12 }}
        extra={
          editable && (
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                {r('upload')}
              </Button>
            </Upload>
          )
        }
      >
        <List
          size="small"
          dataSource={rep.files}
          locale={{ emptyText: r('none') }}
          renderItem={(f) => (
            <List.Item>
              <a href={downloadUrl(`/reports/${id}/files/${f.id}`)}>{f.fileName}</a>{' '}
              <Typography.Text type="secondary">
                {formatNumber(f.sizeBytes / 1024, 1)} KB — {formatDateTime(f.createdAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={r('history')} data-testid="report-history">
        {rep.events.length === 0 ? (
          <Typography.Text type="secondary">{r('none')}</Typography.Text>
        ) : (
          <Timeline
            items={rep.events.map((e) => ({
              color: e.action === 'return' ? 'orange' : e.action === 'approve' ? 'green' : 'blue',
              children: (
                <div>
                  <Typography.Text strong>{r(`a.${e.action}`)}</Typography.Text> — {e.actorName} — {formatDateTime(e.createdAt)}
                  {e.comment && (
                    <div>
                      <Typography.Text type="secondary">“{e.comment}”</Typography.Text>
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </Card>

      <Modal
        open={returning}
        title={r('return')}
        okText={r('return')}
        okButtonProps={{ danger: true, disabled: comment.trim().length < 3, loading: sendBack.isPending }}
        cancelText={r('cancel')}
        onOk={() => sendBack.mutate()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={r('returnComment')} required>
            <Input.TextArea
              autoFocus
              rows={4}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="return-comment-input"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
