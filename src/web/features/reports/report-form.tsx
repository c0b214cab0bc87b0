import type { ReactNode } from 'react';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { ImportOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { TASK_STATUSES, type ReportedTarget, type ReportTarget, type ReportTask, type TaskStatus } from './reports.api';
import { formatDay, formatNumber, useReportsT } from './reports.i18n';

export type TargetDraft = ReportedTarget & { itemId: number };
export type TaskDraft = { taskId: number; status: TaskStatus; progress: number; doneText: string | null };

const isRate = (t: ReportTarget) => t.aggregation === 'rate';
type StudyFigure = NonNullable<ReportTarget['fromStudy']>;

/**
 * One card per target and per task, fields stacked on a phone and side by side from a tablet
 * up: a reporter fills the form on 390 px without scrolling sideways, and the keyboard walks it
 * in reading order (value, source, note, then the next target). Each field has a visible label.
 * A report that may not be edited reads as text (see ReportReadView).
 */
export function TargetCards(props: {
  targets: ReportTarget[];
  drafts: Record<number, TargetDraft>;
  onChange: (itemId: number, patch: Partial<TargetDraft>) => void;
}) {
  const { r } = useReportsT();
  if (props.targets.length === 0) return <Typography.Text type="secondary">{r('noTargets')}</Typography.Text>;
  return (
    <div className="report-cards">
      {props.targets.map((t, i) => (
        <TargetCard
          key={t.itemId}
          index={i + 1}
          target={t}
          draft={props.drafts[t.itemId]!}
          onChange={(patch) => props.onChange(t.itemId, patch)}
        />
      ))}
    </div>
  );
}

function TargetCard({
  index,
  target: t,
  draft: d,
  onChange,
}: {
  index: number;
  target: ReportTarget;
  draft: TargetDraft;
  onChange: (patch: Partial<TargetDraft>) => void;
}) {
  const { r } = useReportsT();
  const id = (field: string) => `target-${t.itemId}-${field}`;
  const number = (field: 'value' | 'numerator' | 'denominator', label: string) => (
    <Form.Item label={label} htmlFor={id(field)} style={{ marginBottom: 8 }}>
      <InputNumber<number>
        id={id(field)}
        value={d[field] ?? null}
        decimalSeparator=","
        style={{ width: '100%' }}
        inputMode="decimal"
        onChange={(v) => onChange({ [field]: v ?? null })}
        data-testid={`${field}-${t.itemId}`}
      />
    </Form.Item>
  );
  const sumIn = () => {
    if (!t.children) return;
    if (isRate(t) && t.children.numerator != null && t.children.denominator != null) {
      onChange({ numerator: t.children.numerator, denominator: t.children.denominator, includesChildren: true });
    } else onChange({ value: t.children.value, includesChildren: true });
  };
  return (
    <section className="report-card" aria-labelledby={id('title')} data-testid={`target-card-${t.itemId}`}>
      <Typography.Paragraph id={id('title')} strong style={{ marginBottom: 8 }}>
        {index}. {t.text}
        {t.unit && <Typography.Text type="secondary"> ({t.unit})</Typography.Text>}
      </Typography.Paragraph>
      <Row gutter={12}>
        {isRate(t) ? (
          <>
            <Col xs={12} md={4}>
              {number('numerator', r('numerator'))}
            </Col>
            <Col xs={12} md={4}>
              {number('denominator', r('denominator'))}
            </Col>
          </>
        ) : (
          <Col xs={24} md={8}>
            {number('value', r('value'))}
          </Col>
        )}
        <Col xs={24} md={8}>
          <Form.Item label={r('source')} htmlFor={id('source')} style={{ marginBottom: 8 }}>
            <Input
              id={id('source')}
              value={d.source ?? ''}
              onChange={(e) => onChange({ source: e.target.value || null })}
              data-testid={`source-${t.itemId}`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={r('note')} htmlFor={id('note')} style={{ marginBottom: 8 }}>
            <Input
              id={id('note')}
              value={d.note ?? ''}
              onChange={(e) => onChange({ note: e.target.value || null })}
              data-testid={`note-${t.itemId}`}
            />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap size={[12, 4]}>
        {isRate(t) && (
          <Typography.Text type="secondary">
            = {d.numerator != null && d.denominator ? formatNumber((d.numerator / d.denominator) * 100) : '—'}%
          </Typography.Text>
        )}
        {t.fromStudy && (
          <StudyFigureHint
            figure={t.fromStudy}
            itemId={t.itemId}
            onUse={(f) => onChange({ numerator: f.numerator, denominator: f.denominator })}
          />
        )}
        {t.children && (
          <>
            <Typography.Text type="secondary" data-testid={`children-${t.itemId}`}>
              {r('childrenTotal')}:{' '}
              {isRate(t) && t.children.numerator != null
                ? `${formatNumber(t.children.numerator)}/${formatNumber(t.children.denominator)} = `
                : ''}
              {formatNumber(t.children.value)} ({t.children.reporting} {r('unitsShort')})
            </Typography.Text>
            <Button size="small" icon={<PlusCircleOutlined />} onClick={sumIn} data-testid={`sum-in-${t.itemId}`}>
              {r('sumIn')}
            </Button>
          </>
        )}
        {d.includesChildren && <Tag color="purple">{r('includesChildren')}</Tag>}
      </Space>
    </section>
  );
}

/** The study coverage of a STUDY_RATE target, with one click to take its numerator and denominator. */
function StudyFigureHint({ figure, onUse, itemId }: { figure: StudyFigure; onUse: (f: StudyFigure) => void; itemId: number }) {
  const { r } = useReportsT();
  return (
    <Space size={8} wrap data-testid={`from-study-${itemId}`}>
      <Typography.Text type="secondary">
        {r('fromStudy')}: {formatNumber(figure.numerator)}/{formatNumber(figure.denominator)} = {formatNumber(figure.value)}% ({r('asOf')}{' '}
        {formatDay(figure.asOf)})
      </Typography.Text>
      <Button size="small" icon={<ImportOutlined />} onClick={() => onUse(figure)} data-testid={`use-study-${itemId}`}>
        {r('useStudy')}
      </Button>
    </Space>
  );
}

export function TaskCards(props: {
  tasks: ReportTask[];
  drafts: Record<number, TaskDraft>;
  onChange: (taskId: number, patch: Partial<TaskDraft>) => void;
}) {
  const { r } = useReportsT();
  if (props.tasks.length === 0) return <Typography.Text type="secondary">{r('noTasks')}</Typography.Text>;
  return (
    <div className="report-cards">
      {props.tasks.map((t, i) => {
        const d = props.drafts[t.taskId]!;
        const id = (field: string) => `task-${t.taskId}-${field}`;
        return (
          <section key={t.taskId} className="report-card" aria-labelledby={id('title')} data-testid={`task-card-${t.taskId}`}>
            <Typography.Paragraph id={id('title')} strong style={{ marginBottom: 8 }}>
              {i + 1}. {t.title}
              {t.dueDate && (
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {' '}
                  — {r('dueDate')}: {formatDay(t.dueDate)}
                </Typography.Text>
              )}
            </Typography.Paragraph>
            <Row gutter={12}>
              <Col xs={14} md={6}>
                <Form.Item label={r('status')} htmlFor={id('status')} style={{ marginBottom: 8 }}>
                  <Select<TaskStatus>
                    id={id('status')}
                    style={{ width: '100%' }}
                    value={d.status}
                    options={TASK_STATUSES.map((s) => ({ value: s, label: r(`ts.${s}`) }))}
                    onChange={(v) => props.onChange(t.taskId, { status: v })}
                    data-testid={`task-status-${t.taskId}`}
                  />
                </Form.Item>
              </Col>
              <Col xs={10} md={4}>
                <Form.Item label={r('progress')} htmlFor={id('progress')} style={{ marginBottom: 8 }}>
                  <InputNumber<number>
                    id={id('progress')}
                    min={0}
                    max={100}
                    suffix="%"
                    style={{ width: '100%' }}
                    value={d.progress}
                    inputMode="numeric"
                    onChange={(v) => props.onChange(t.taskId, { progress: Math.round(v ?? 0) })}
                    data-testid={`task-progress-${t.taskId}`}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item label={r('doneText')} htmlFor={id('done')} style={{ marginBottom: 8 }}>
                  <Input.TextArea
                    id={id('done')}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    value={d.doneText ?? ''}
                    onChange={(e) => props.onChange(t.taskId, { doneText: e.target.value || null })}
                    data-testid={`task-done-${t.taskId}`}
                  />
                </Form.Item>
              </Col>
            </Row>
          </section>
        );
      })}
    </div>
  );
}

/** A label and its value as read text, for a report that may not be edited. */
export function ReadField({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="read-field">
      <Typography.Text type="secondary" className="read-field-label">
        {label}
      </Typography.Text>
      <div data-testid={testId}>{children}</div>
    </div>
  );
}

/** The figure a target was reported with, as text: "1.234" or "45/50 = 90%". */
export function reportedText(
  t: ReportTarget,
  v: { value: number | null; numerator?: number | null; denominator?: number | null } | null | undefined,
): string {
  if (!v) return '—';
  if (isRate(t) && v.numerator != null && v.denominator)
    return `${formatNumber(v.numerator)}/${formatNumber(v.denominator)} = ${formatNumber((v.numerator / v.denominator) * 100)}%`;
  return v.value == null ? '—' : `${formatNumber(v.value)}${t.unit ? ` ${t.unit}` : ''}`;
}

/** A submitted or approved report as the approver reads it: each target's figure as text. */
export function TargetsRead({ targets, previousPeriod }: { targets: ReportTarget[]; previousPeriod: string | null }) {
  const { r } = useReportsT();
  if (targets.length === 0) return <Typography.Text type="secondary">{r('noTargets')}</Typography.Text>;
  return (
    <div className="report-cards">
      {targets.map((t, i) => (
        <section key={t.itemId} className="report-card" data-testid={`target-read-${t.itemId}`}>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {i + 1}. {t.text}
          </Typography.Paragraph>
          <Row gutter={12}>
            <Col xs={12} md={5}>
              <ReadField label={r('value')} testId={`value-text-${t.itemId}`}>
                {reportedText(t, t.reported)}
              </ReadField>
            </Col>
            {/* The previous period's figure beside this one: a jump or a fall is seen at once. */}
            <Col xs={12} md={5}>
              <ReadField
                label={previousPeriod ? `${r('previousPeriod')} (${previousPeriod})` : r('previousPeriod')}
                testId={`previous-text-${t.itemId}`}
              >
                {previousPeriod ? reportedText(t, t.previousReported) : r('noPreviousPeriod')}
              </ReadField>
            </Col>
            <Col xs={24} md={7}>
              <ReadField label={r('source')}>{t.reported?.source || '—'}</ReadField>
            </Col>
            <Col xs={24} md={7}>
              <ReadField label={r('note')}>{t.reported?.note || '—'}</ReadField>
            </Col>
          </Row>
          {t.children && (
            <Typography.Text type="secondary">
              {r('childrenTotal')}: {reportedText(t, t.children)} ({t.children.reporting} {r('unitsShort')})
            </Typography.Text>
          )}
          {t.reported?.includesChildren && (
            <Tag color="purple" style={{ marginLeft: 8 }}>
              {r('includesChildren')}
            </Tag>
          )}
        </section>
      ))}
    </div>
  );
}

export function TasksRead({ tasks }: { tasks: ReportTask[] }) {
  const { r } = useReportsT();
  if (tasks.length === 0) return <Typography.Text type="secondary">{r('noTasks')}</Typography.Text>;
  return (
    <div className="report-cards">
      {tasks.map((t, i) => {
        const u = t.reported ?? { status: t.status, progress: t.progress, doneText: null };
        return (
          <section key={t.taskId} className="report-card" data-testid={`task-read-${t.taskId}`}>
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {i + 1}. {t.title}
            </Typography.Paragraph>
            <Row gutter={12}>
              <Col xs={12} md={6}>
                <ReadField label={r('status')}>{r(`ts.${u.status}`)}</ReadField>
              </Col>
              <Col xs={12} md={4}>
                <ReadField label={r('progress')}>{formatNumber(u.progress, 0)}%</ReadField>
              </Col>
              <Col xs={24} md={14}>
                <ReadField label={r('doneText')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{u.doneText || '—'}</span>
                </ReadField>
              </Col>
            </Row>
          </section>
        );
      })}
    </div>
  );
}
