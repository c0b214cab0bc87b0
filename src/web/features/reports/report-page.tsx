import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckOutlined, ImportOutlined, PlusCircleOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, downloadUrl } from '../../lib/api';
import { ErrorState, Loading } from '../../components/states';
import {
  approveReport, fetchReport, newIdempotencyKey, reportKeys, returnReport, saveReport, submitReport, TASK_STATUSES, uploadReportFile,
  type Report, type ReportedTarget, type ReportStatus, type ReportTarget, type SaveReportInput, type TaskStatus,
} from './reports.api';
import { formatDateTime, formatDay, formatNumber, useReportsT } from './reports.i18n';

export const reportStatusColor: Record<ReportStatus, string> = { draft: 'default', submitted: 'blue', returned: 'orange', approved: 'green' };

type TargetDraft = ReportedTarget & { itemId: number };
type TaskDraft = { taskId: number; status: TaskStatus; progress: number; doneText: string | null };
type Draft = { narrative: string; targets: Record<number, TargetDraft>; tasks: Record<number, TaskDraft> };

function draftOf(r: Report): Draft {
  return {
    narrative: r.narrative ?? '',
    targets: Object.fromEntries(r.targets.map((t) => [t.itemId, {
      itemId: t.itemId, value: t.reported?.value ?? null, numerator: t.reported?.numerator ?? null, denominator: t.reported?.denominator ?? null,
      source: t.reported?.source ?? null, note: t.reported?.note ?? null, includesChildren: t.reported?.includesChildren ?? false,
    }])),
    tasks: Object.fromEntries(r.tasks.map((t) => [t.taskId, {
      taskId: t.taskId, status: t.reported?.status ?? t.status, progress: t.reported?.progress ?? t.progress, doneText: t.reported?.doneText ?? null,
    }])),
  };
}

const isRate = (t: ReportTarget) => t.aggregation === 'rate';

type StudyFigure = NonNullable<ReportTarget['fromStudy']>;
const studyFigureOf = (t: ReportTarget) => t.fromStudy ?? null;

/** A report of an org for a period: fill it in (draft, returned), or read it and approve or return it. */
export function ReportPage({ id }: { id: number }) {
  const { r } = useReportsT();
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
  const save = useMutation({ mutationFn: (d: Draft) => saveReport(id, payload(q.data!, d)), onSuccess: (n) => onDone(n, r('saved')), onError });
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
    onSuccess: (n) => { settle(null); onDone(n, r('submittedOk')); },
    onError: (e) => { settle(e); onError(e); },
  });
  const approve = useMutation({
    mutationFn: () => approveReport(id, q.data!.version, keyFor('approve')),
    onSuccess: (n) => { settle(null); onDone(n, r('approvedOk')); },
    onError: (e) => { settle(e); onError(e); },
  });
  const sendBack = useMutation({
    mutationFn: () => returnReport(id, q.data!.version, comment),
    onSuccess: (n) => { setReturning(false); setComment(''); onDone(n, r('returnedOk')); },
    onError,
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadReportFile(id, file),
    onSuccess: () => { void q.refetch(); },
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
  const sumIn = (t: ReportTarget) => {
    if (!t.children) return;
    if (isRate(t) && t.children.numerator != null && t.children.denominator != null) {
      setTarget(t.itemId, { numerator: t.children.numerator, denominator: t.children.denominator, includesChildren: true });
    } else setTarget(t.itemId, { value: t.children.value, includesChildren: true });
  };
  const busy = save.isPending || submit.isPending || approve.isPending || sendBack.isPending;
  const numberInput = (label: string, value: number | null, onChange: (v: number | null) => void, testId: string) => (
    <InputNumber<number>
      aria-label={label} placeholder={label} value={value ?? null} disabled={!editable} decimalSeparator="," style={{ width: 130 }}
      onChange={(v) => onChange(v ?? null)} data-testid={testId}
    />
  );

  return (
    <div data-testid="report-page">
      <Typography.Text type="secondary"><Link to="/reports">{r('reports')}</Link> / {rep.documentSymbol}</Typography.Text>
      <Space align="center" wrap style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={1} className="page-title" style={{ margin: '4px 0' }} data-testid="report-title">
          {r('reports')} {rep.periodKey} — {rep.orgName}
        </Typography.Title>
        <Space wrap>
          <Tag color={reportStatusColor[rep.status]} data-testid="report-status">{r(`s.${rep.status}`)}</Tag>
          {editable && <Button icon={<SaveOutlined />} loading={save.isPending} disabled={busy} onClick={() => save.mutate(draft)} data-testid="report-save">{r('save')}</Button>}
          {rep.abilities.submit && (
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} disabled={busy} onClick={() => submit.mutate(draft)} data-testid="report-submit">{r('submit')}</Button>
          )}
          {rep.abilities.return && <Button danger icon={<RollbackOutlined />} disabled={busy} onClick={() => setReturning(true)} data-testid="report-return">{r('return')}</Button>}
          {rep.abilities.approve && (
            <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending} disabled={busy} onClick={() => approve.mutate()} data-testid="report-approve">{r('approve')}</Button>
          )}
        </Space>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={r('document')}>{rep.documentSymbol} — {rep.documentTitle}</Descriptions.Item>
        <Descriptions.Item label={r('period')}>{formatDay(rep.periodStart)} – {formatDay(rep.periodEnd)}</Descriptions.Item>
        <Descriptions.Item label={r('dueDate')}>{formatDay(rep.dueDate)}</Descriptions.Item>
      </Descriptions>
      {rep.status === 'returned' && rep.returnComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={r('returnedBanner')} description={rep.returnComment} data-testid="return-comment" />
      )}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={r('readOnly')} />}

      <Card size="small" title={r('targets')} style={{ marginBottom: 12 }}>
        <Table<ReportTarget>
          rowKey="itemId" size="small" pagination={false} dataSource={rep.targets} expandable={{ childrenColumnName: "noChildRows" }} locale={{ emptyText: r('noTargets') }} scroll={{ x: 1000 }}
          columns={[
            { title: r('targets'), render: (_, t) => <><Typography.Text>{t.text}</Typography.Text>{t.unit && <Typography.Text type="secondary"> ({t.unit})</Typography.Text>}</> },
            {
              title: r('value'), width: 290, render: (_, t) => {
                const d = draft.targets[t.itemId]!;
                return isRate(t) ? (
                  <Space orientation="vertical" size={4}>
                    <Space size={4}>{numberInput(r('numerator'), d.numerator, (v) => setTarget(t.itemId, { numerator: v }), `numerator-${t.itemId}`)} /
                      {numberInput(r('denominator'), d.denominator, (v) => setTarget(t.itemId, { denominator: v }), `denominator-${t.itemId}`)}</Space>
                    <Typography.Text type="secondary">= {d.numerator != null && d.denominator ? formatNumber((d.numerator / d.denominator) * 100) : '—'}%</Typography.Text>
                    {studyFigureOf(t) && <StudyFigureHint figure={studyFigureOf(t)!} editable={editable} onUse={(f) => setTarget(t.itemId, { numerator: f.numerator, denominator: f.denominator })} itemId={t.itemId} />}
                  </Space>
                ) : numberInput(r('value'), d.value, (v) => setTarget(t.itemId, { value: v }), `value-${t.itemId}`);
              },
            },
            {
              title: r('childrenTotal'), width: 210, render: (_, t) => t.children ? (
                <Space orientation="vertical" size={4}>
                  <span data-testid={`children-${t.itemId}`}>
                    {isRate(t) && t.children.numerator != null ? `${formatNumber(t.children.numerator)}/${formatNumber(t.children.denominator)} = ` : ''}
                    {formatNumber(t.children.value)} ({t.children.reporting} {r('unitsShort')})
                  </span>
                  {editable && <Button size="small" icon={<PlusCircleOutlined />} onClick={() => sumIn(t)} data-testid={`sum-in-${t.itemId}`}>{r('sumIn')}</Button>}
                  {draft.targets[t.itemId]!.includesChildren && <Tag color="purple">{r('includesChildren')}</Tag>}
                </Space>
              ) : '—',
            },
            {
              title: `${r('source')} / ${r('note')}`, width: 260, render: (_, t) => {
                const d = draft.targets[t.itemId]!;
                return (
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Input aria-label={r('source')} placeholder={r('source')} disabled={!editable} value={d.source ?? ''} onChange={(e) => setTarget(t.itemId, { source: e.target.value || null })} />
                    <Input aria-label={r('note')} placeholder={r('note')} disabled={!editable} value={d.note ?? ''} onChange={(e) => setTarget(t.itemId, { note: e.target.value || null })} />
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>

      <Card size="small" title={r('tasks')} style={{ marginBottom: 12 }}>
        <Table
          rowKey="taskId" size="small" pagination={false} dataSource={rep.tasks} locale={{ emptyText: r('noTasks') }} scroll={{ x: 900 }}
          columns={[
            { title: r('tasks'), render: (_, t) => <>{t.title}<br /><Typography.Text type="secondary">{r('dueDate')}: {formatDay(t.dueDate)}</Typography.Text></> },
            {
              title: r('status'), width: 180, render: (_, t) => (
                <Select<TaskStatus> aria-label={r('status')} style={{ width: 170 }} disabled={!editable} value={draft.tasks[t.taskId]!.status}
                  options={TASK_STATUSES.map((s) => ({ value: s, label: r(`ts.${s}`) }))} onChange={(v) => setTask(t.taskId, { status: v })} data-testid={`task-status-${t.taskId}`} />
              ),
            },
            {
              title: r('progress'), width: 120, render: (_, t) => (
                <InputNumber<number> aria-label={r('progress')} min={0} max={100} suffix="%" disabled={!editable} value={draft.tasks[t.taskId]!.progress}
                  onChange={(v) => setTask(t.taskId, { progress: Math.round(v ?? 0) })} data-testid={`task-progress-${t.taskId}`} />
              ),
            },
            {
              title: r('doneText'), render: (_, t) => (
                <Input.TextArea aria-label={r('doneText')} autoSize={{ minRows: 1, maxRows: 4 }} disabled={!editable} value={draft.tasks[t.taskId]!.doneText ?? ''}
                  onChange={(e) => setTask(t.taskId, { doneText: e.target.value || null })} data-testid={`task-done-${t.taskId}`} />
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={r('narrative')} style={{ marginBottom: 12 }}>
        <Input.TextArea aria-label={r('narrative')} autoSize={{ minRows: 3, maxRows: 14 }} disabled={!editable} value={draft.narrative}
          onChange={(e) => setDraft({ ...draft, narrative: e.target.value })} data-testid="report-narrative" />
      </Card>

      <Card size="small" title={r('evidence')} style={{ marginBottom: 12 }}
        extra={editable && (
          <Upload showUploadList={false} beforeUpload={(file) => { upload.mutate(file); return false; }}>
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{r('upload')}</Button>
          </Upload>
        )}>
        <List size="small" dataSource={rep.files} locale={{ emptyText: r('none') }} renderItem={(f) => (
          <List.Item><a href={downloadUrl(`/reports/${id}/files/${f.id}`)}>{f.fileName}</a> <Typography.Text type="secondary">{formatNumber(f.sizeBytes / 1024, 1)} KB — {formatDateTime(f.createdAt)}</Typography.Text></List.Item>
        )} />
      </Card>

      <Card size="small" title={r('history')} data-testid="report-history">
        {rep.events.length === 0 ? <Typography.Text type="secondary">{r('none')}</Typography.Text> : (
          <Timeline items={rep.events.map((e) => ({
            color: e.action === 'return' ? 'orange' : e.action === 'approve' ? 'green' : 'blue',
            children: (
              <div>
                <Typography.Text strong>{r(`a.${e.action}`)}</Typography.Text> — {e.actorName} — {formatDateTime(e.createdAt)}
                {e.comment && <div><Typography.Text type="secondary">“{e.comment}”</Typography.Text></div>}
              </div>
            ),
          }))} />
        )}
      </Card>

      <Modal open={returning} title={r('return')} okText={r('return')} okButtonProps={{ danger: true, disabled: comment.trim().length < 3, loading: sendBack.isPending }}
        cancelText={r('cancel')} onOk={() => sendBack.mutate()} onCancel={() => setReturning(false)} destroyOnHidden>
        <Form layout="vertical">
          <Form.Item label={r('returnComment')} required>
            <Input.TextArea autoFocus rows={4} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="return-comment-input" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** The study coverage of a STUDY_RATE target, with one click to take its numerator and denominator. */
function StudyFigureHint({ figure, editable, onUse, itemId }: { figure: StudyFigure; editable: boolean; onUse: (f: StudyFigure) => void; itemId: number }) {
  const { r } = useReportsT();
  return (
    <Space orientation="vertical" size={2} data-testid={`from-study-${itemId}`}>
      <Typography.Text type="secondary">
        {r('fromStudy')}: {formatNumber(figure.numerator)}/{formatNumber(figure.denominator)} = {formatNumber(figure.value)}% ({r('asOf')} {formatDay(figure.asOf)})
      </Typography.Text>
      {editable && <Button size="small" icon={<ImportOutlined />} onClick={() => onUse(figure)} data-testid={`use-study-${itemId}`}>{r('useStudy')}</Button>}
    </Space>
  );
}
