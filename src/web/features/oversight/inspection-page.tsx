import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Input,
  List,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import {
  fetchCandidates,
  fetchDraft,
  fetchFindingLinkOptions,
  fetchInspection,
  fetchNotes,
  inspectionStep,
  oversightKeys,
  recommendationStep,
  updateFinding,
  type Figures,
  type Finding,
  type Inspection,
  type LinkKind,
  type LinkOption,
  type OversightAction,
  type Recommendation,
} from './oversight.api';
import { formatCount, formatPercent, useOversightT } from './oversight.i18n';
import { EvidenceFiles } from './evidence-files';
import { FormModal } from '../../components/form-modal';
import { LinkPicker } from './link-picker';

/** Findings are edited by the team until the conclusion (edits.service.ts). */
const FINDING_EDIT_STATUSES = ['team_reported', 'findings'];
/** Evidence on findings is refused once the conclusion was sent (evidence.service.ts). */
const FINDING_EVIDENCE_CLOSED = ['follow_up', 'closed'];
/** The subject attaches evidence while preparing or just after sending its self-report. */
const SELF_REPORT_EVIDENCE_STATUSES = ['notified', 'self_reported'];

const STEPS = [
  'planned',
  'team_formed',
  'notified',
  'self_reported',
  'sessions',
  'team_reported',
  'findings',
  'concluded',
  'follow_up',
  'closed',
];
const text = (v: string | null | undefined) => (
  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{v}</Typography.Paragraph>
);

/**
 * One inspection or supervision, step by step. What shows depends on who reads it: the
 * commission, the team and the committee above see the whole file; the subject sees what was
 * sent to it. The forms shown are the next steps the server allows this reader.
 */
export function InspectionPage({ id }: { id: number }) {
  const { o, kind, basis, status, teamRole, finding } = useOversightT();
  const q = useQuery({ queryKey: oversightKeys.inspection(id), queryFn: () => fetchInspection(id) });
  const x = q.data;
  const seesNotes = !!x && x.parts.includes('sessions');
  const notes = useQuery({ queryKey: oversightKeys.notes(id), queryFn: () => fetchNotes(id), enabled: seesNotes });
  if (q.isPending) return <Loading />;
  if (q.isError || !x) return <ErrorState error={q.error} />;
  const can = (a: OversightAction) => x.abilities.actions.includes(a);
  return (
    <div>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }} data-testid="inspection-title">
        {kind(x.kind)}: {x.subjectMemberName ?? x.subjectOrgName} {x.isSample && <Tag>{o('sample')}</Tag>}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {o('you')} <b>{o(`aud.${x.audience}`)}</b> ·{' '}
        <Link to="/oversight/orgs/$orgId" params={{ orgId: String(x.subjectOrgId) }}>
          {o('timeline')}
        </Link>
      </Typography.Paragraph>
      <Steps
        size="small"
        direction="horizontal"
        responsive
        current={STEPS.indexOf(x.status)}
        style={{ marginBottom: 16, overflowX: 'auto' }}
        items={STEPS.map((s) => ({ title: status(s) }))}
      />
      <Tag color="blue" data-testid="inspection-status">
        {x.statusLabel}
      </Tag>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'b', label: o('basis'), children: basis(x.basis) },
          { key: 'c', label: o('content'), children: x.content },
          { key: 't', label: o('theme'), children: x.theme },
          { key: 'p', label: o('period'), children: `${formatDate(x.periodStart)} – ${formatDate(x.periodEnd)}` },
          { key: 'd', label: o('document'), children: x.documentSymbol ?? '—' },
          { key: 'r', label: o('responsible'), children: x.orgName },
        ]}
      />

      {x.earlier.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          message={o('earlier')}
          description={x.earlier.map((e) => (
            <div key={e.id}>
              <Link to="/oversight/inspections/$id" params={{ id: String(e.id) }}>
                {formatDate(e.periodStart)} — {e.theme}
              </Link>
              {e.conclusionSymbol ? ` (${e.conclusionSymbol})` : ''}: {e.accepted}/{e.recommendations} {o('carriedOut')}
            </div>
          ))}
        />
      )}

      <Section title={o('team')} show={x.decision !== null}>
        {x.decision?.symbol && (
          <div>
            {o('decision')}: {x.decision.symbol} ({formatDate(x.decision.date)}) ·{' '}
            <a href={`/api/oversight/inspections/${x.id}/docx/decision`}>{o('word')}</a>
          </div>
        )}
        {x.team.map((m) => (
          <div key={m.userId}>
            {teamRole(m.role)}: {m.fullName}
          </div>
        ))}
        {can('form_team') && <TeamForm x={x} />}
      </Section>
      <Section title={`${o('plan')} · ${o('notice')}`} show={x.plan !== null}>
        {x.plan?.text ? (
          <>
            {x.plan.symbol && (
              <b>
                {x.plan.symbol} · <a href={`/api/oversight/inspections/${x.id}/docx/plan`}>{o('word')}</a>
              </b>
            )}
            {text(x.plan.text)}
            {text(x.notice?.text)}
          </>
        ) : (
          <Typography.Text type="secondary">{o('notShared')}</Typography.Text>
        )}
        {can('send_notice') && (
          <TextStep
            x={x}
            path="notice"
            fields={[
              ['planText', o('plan')],
              ['noticeText', o('notice')],
            ]}
            label={o('sendNotice')}
          />
        )}
      </Section>
      <Section title={o('selfReport')} show={x.selfReport !== null}>
        {/* The figures show once: as sent, or (while the subject may still send) as they stand today. */}
        {!can('submit_self_report') && x.selfReport?.figures && <FiguresView f={x.selfReport.figures} />}
        {text(x.selfReport?.text)}
        <EvidenceFiles
          x={x}
          target={{ part: 'self_report' }}
          canAttach={x.abilities.subject && SELF_REPORT_EVIDENCE_STATUSES.includes(x.status)}
          testId="self-report-files"
        />
        {can('submit_self_report') && <SelfReportForm x={x} />}
      </Section>
      {seesNotes && (
        <Section title={o('sessions')} show>
          {notes.data?.sessions.map((s) => (
            <div key={s.id}>
              <b>
                {formatDate(s.heldOn)} · {s.place}
              </b>
              {text(s.minutes)}
            </div>
          ))}
          {can('record_session') && <SessionForm x={x} />}
          {notes.data?.teamReport && (
            <>
              <b>{o('teamReport')}</b>
              {text(notes.data.teamReport)}
            </>
          )}
          {can('submit_team_report') && (
            <TextStep x={x} path="team-report" fields={[['text', o('teamReport')]]} label={o('sendTeamReport')} />
          )}
        </Section>
      )}
      <Section title={o('findings')} show={x.parts.includes('findings')}>
        <Table
          size="small"
          rowKey="id"
          dataSource={x.findings}
          pagination={false}
          scroll={{ x: true }}
          data-testid="findings"
          columns={[
            {
              title: o('kind'),
              width: 110,
              render: (_, f) => (
                <Tag color={f.kind === 'strength' ? 'green' : f.kind === 'violation' ? 'red' : 'orange'}>{finding(f.kind)}</Tag>
              ),
            },
            {
              title: o('content'),
              render: (_, f) => (
                <div style={{ minWidth: 200 }}>
                  {f.text}
                  <EvidenceFiles
                    x={x}
                    target={{ part: 'finding', findingId: f.id }}
                    canAttach={x.abilities.team && !FINDING_EVIDENCE_CLOSED.includes(x.status)}
                    testId={`finding-files-${f.id}`}
                  />
                </div>
              ),
            },
            {
              title: o('linkedTargets'),
              render: (_, f) =>
                [...(f.itemTexts ?? []), ...(f.taskTitles ?? []), ...(f.reportLabels ?? []), ...(f.memberNames ?? [])].join('; '),
            },
            ...(x.abilities.team && FINDING_EDIT_STATUSES.includes(x.status)
              ? [{ title: '', key: 'edit', width: 70, render: (_: unknown, f: Finding) => <EditFindingButton x={x} f={f} /> }]
              : []),
          ]}
        />
        {can('record_finding') && <FindingForm x={x} />}
      </Section>
      <Section title={o('conclusion')} show={x.parts.includes('conclusion')}>
        {x.conclusion ? (
          <>
            <b>
              {x.conclusion.symbol} · <a href={`/api/oversight/inspections/${x.id}/docx/conclusion`}>{o('word')}</a>
            </b>
            {text(x.conclusion.text)}
          </>
        ) : (
          <Typography.Text type="secondary">{o('notShared')}</Typography.Text>
        )}
        {can('conclude') && <ConclusionForm x={x} />}
        {can('send_conclusion') && <ActionButton x={x} path="conclusion/send" label={o('sendConclusion')} />}
      </Section>
      <Section title={o('recommendations')} show={x.parts.includes('recommendations')}>
        <Recommendations x={x} />
        {can('close') && <ActionButton x={x} path="close" label={o('close')} />}
      </Section>
    </div>
  );
}

function Section({ title, show, children }: { title: string; show: boolean; children: ReactNode }) {
  if (!show) return null;
  return (
    <Card size="small" title={title} style={{ marginTop: 16 }}>
      {children}
    </Card>
  );
}

/** Runs one step and puts the server's answer in the cache. */
function useStep(x: Inspection) {
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const { o } = useOversightT();
  return (form?: ReturnType<typeof Form.useForm>[0]) => ({
    onSuccess: (next: Inspection) => {
      qc.setQueryData(oversightKeys.inspection(x.id), next);
      void qc.invalidateQueries({ queryKey: oversightKeys.notes(x.id) });
      void qc.invalidateQueries({ queryKey: ['oversight', 'dashboard'] });
      form?.resetFields();
      void message.success(o('done'));
    },
    onError: (e: unknown) =>
      onError(e, { form, onConflict: () => void qc.invalidateQueries({ queryKey: oversightKeys.inspection(x.id) }) }),
  });
}

function ActionButton({ x, path, label }: { x: Inspection; path: string; label: string }) {
  const handlers = useStep(x)();
  const m = useMutation({ mutationFn: () => inspectionStep(x.id, path, { version: x.version }), ...handlers });
  return (
    <div style={{ marginTop: 8 }}>
      <Button type="primary" onClick={() => m.mutate()} loading={m.isPending} data-testid={`step-${path.replace('/', '-')}`}>
        {label}
      </Button>
    </div>
  );
}

function TextStep({ x, path, fields, label }: { x: Inspection; path: string; fields: [string, string][]; label: string }) {
  const [form] = Form.useForm();
  const handlers = useStep(x)(form);
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => inspectionStep(x.id, path, { version: x.version, ...v }),
    ...handlers,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} style={{ marginTop: 8 }}>
      {fields.map(([name, l]) => (
        <Form.Item key={name} name={name} label={l} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid={`field-${name}`} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={m.isPending} data-testid={`step-${path}`}>
        {label}
      </Button>
    </Form>
  );
}

function TeamForm({ x }: { x: Inspection }) {
  const { o } = useOversightT();
  const [form] = Form.useForm();
  const handlers = useStep(x)(form);
  const people = useQuery({ queryKey: oversightKeys.candidates(x.id), queryFn: () => fetchCandidates(x.id) });
  const options = (people.data ?? []).map((p) => ({ value: p.userId, label: `${p.fullName} — ${p.orgName}` }));
  const m = useMutation({
    mutationFn: (v: { head: number; secretary: number; members?: number[]; date: Dayjs }) =>
      inspectionStep(
        x.id,
        'team',
        {
          version: x.version,
          decisionDate: v.date.format('YYYY-MM-DD'),
          team: [
            { userId: v.head, role: 'head' },
            ...(v.members ?? []).map((u) => ({ userId: u, role: 'member' })),
            { userId: v.secretary, role: 'secretary' },
          ],
        },
        'put',
      ),
    ...handlers,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ date: dayjs() }} style={{ marginTop: 8 }}>
      <Form.Item name="head" label={o('head')} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={options} data-testid="team-head" />
      </Form.Item>
      <Form.Item name="members" label={o('members')}>
        <Select mode="multiple" showSearch optionFilterProp="label" options={options} />
      </Form.Item>
      <Form.Item name="secretary" label={o('secretary')} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={options} data-testid="team-secretary" />
      </Form.Item>
      <Form.Item name="date" label={o('decisionDate')} rules={[{ required: true }]}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="step-team">
        {o('formTeam')}
      </Button>
    </Form>
  );
}

function FiguresView({ f }: { f: Figures }) {
  const { o } = useOversightT();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 3 }}
      title={`${o('figures')} (${formatDate(f.asOf)})`}
      style={{ marginBottom: 8 }}
      items={[
        ...(f.targets
          ? [
              {
                key: 't',
                label: o('targets'),
                children: `${formatCount(f.targets.total)} · ${o('achieved')} ${f.targets.achieved} · ${o('atRisk')} ${f.targets.atRisk} · ${o('offTrack')} ${f.targets.offTrack}`,
              },
            ]
          : []),
        { key: 'k', label: o('tasksOverdue'), children: `${formatCount(f.tasks.overdue)} / ${formatCount(f.tasks.led)}` },
        ...(f.reports
          ? [{ key: 'r', label: o('reports'), children: `${formatCount(f.reports.submitted)} / ${formatCount(f.reports.expected)}` }]
          : []),
        ...(f.study
          ? [
              {
                key: 's',
                label: o('study'),
                children: `${formatCount(f.study.studied)} / ${formatCount(f.study.members)} (${formatPercent(f.study.percent)})`,
              },
            ]
          : []),
        { key: 'e', label: o('explanations'), children: formatCount(f.openExplanations) },
      ]}
    />
  );
}

function SelfReportForm({ x }: { x: Inspection }) {
  const { o } = useOversightT();
  const draft = useQuery({ queryKey: oversightKeys.draft(x.id), queryFn: () => fetchDraft(x.id) });
  return (
    <div data-testid="self-report-form">
      {draft.data && <FiguresView f={draft.data} />}
      <TextStep x={x} path="self-report" fields={[['text', o('selfReport')]]} label={o('sendSelfReport')} />
    </div>
  );
}

function SessionForm({ x }: { x: Inspection }) {
  const { o } = useOversightT();
  const [form] = Form.useForm();
  const handlers = useStep(x)(form);
  const m = useMutation({
    mutationFn: (v: { heldOn: Dayjs; place: string; minutes: string }) =>
      inspectionStep(x.id, 'sessions', { version: x.version, heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place, minutes: v.minutes }),
    ...handlers,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ heldOn: dayjs() }} style={{ marginTop: 8 }}>
      <Space wrap>
        <Form.Item name="heldOn" label={o('heldOn')} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="place" label={o('place')} rules={[{ required: true }]}>
          <Input data-testid="session-place" />
        </Form.Item>
      </Space>
      <Form.Item name="minutes" label={o('minutes')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} data-testid="session-minutes" />
      </Form.Item>
      <Button htmlType="submit" loading={m.isPending} data-testid="step-sessions">
        {o('addSession')}
      </Button>
    </Form>
  );
}

function FindingForm({ x }: { x: Inspection }) {
  const { o, finding } = useOversightT();
  const [form] = Form.useForm();
  const handlers = useStep(x)(form);
  const m = useMutation({
    mutationFn: (v: { kind: string; theme: string; text: string } & Partial<Record<LinkField, number[]>>) =>
      inspectionStep(x.id, 'findings', {
        version: x.version,
        ...v,
        itemIds: v.itemIds ?? [],
        taskIds: v.taskIds ?? [],
        reportIds: v.reportIds ?? [],
        memberIds: v.memberIds ?? [],
      }),
    ...handlers,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => m.mutate(v)}
      initialValues={{ kind: 'limitation', theme: x.theme }}
      style={{ marginTop: 8 }}
    >
      <Space wrap>
        <Form.Item name="kind" label={o('kind')}>
          <Select
            style={{ width: 160 }}
            options={['strength', 'limitation', 'shortcoming', 'violation'].map((k) => ({ value: k, label: finding(k) }))}
            data-testid="finding-kind"
          />
        </Form.Item>
        <Form.Item name="theme" label={o('theme')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="text" label={o('content')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} data-testid="finding-text" />
      </Form.Item>
      <FindingLinkFields x={x} testPrefix="finding" />
      <Button htmlType="submit" loading={m.isPending} data-testid="step-findings">
        {o('addFinding')}
      </Button>
    </Form>
  );
}

/**
 * The recommendations with their follow-up: a table on a wide screen, one card each on a phone
 * (a table of six columns would scroll sideways at 390 px).
 */
function Recommendations({ x }: { x: Inspection }) {
  const { o } = useOversightT();
  // Recommendations (kiến nghị) and requirements (yêu cầu) as two lists, as in the notice.
  const lists = (
    [
      ['recommendation', 'recommendationList'],
      ['requirement', 'requirementList'],
    ] as const
  )
    .map(([kind, title]) => ({ kind, title, items: x.recommendations.filter((r) => r.kind === kind) }))
    .filter((l) => l.items.length > 0);
  return (
    <>
      {lists.map((l) => (
        <div key={l.kind} data-testid={`${l.kind}s`}>
          {lists.length > 1 && <Typography.Title level={5}>{o(l.title)}</Typography.Title>}
          <AskedList x={x} items={l.items} />
        </div>
      ))}
    </>
  );
}

function AskedList({ x, items }: { x: Inspection; items: Recommendation[] }) {
  const { o, rec } = useOversightT();
  const numberOf = (r: Recommendation) => items.indexOf(r) + 1;
  const isWide = Grid.useBreakpoint().md ?? true;
  const content = (r: Recommendation) => (
    <>
      {r.text}
      {r.evidence && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {o('evidence')}: {r.evidence}
        </Typography.Paragraph>
      )}
      <EvidenceFiles
        x={x}
        target={{ part: 'follow_up', recommendationId: r.id }}
        canAttach={r.canReport}
        testId={`rec-files-${r.position}`}
      />
    </>
  );
  const statusTag = (r: Recommendation) => (
    <Tag color={r.view === 'accepted' ? 'green' : r.view === 'overdue' ? 'red' : 'default'} data-testid={`rec-status-${r.position}`}>
      {rec(r.view)}
    </Tag>
  );
  if (!isWide) {
    return (
      <List
        dataSource={items}
        split={false}
        data-testid="recommendations"
        renderItem={(r) => (
          <List.Item style={{ padding: '4px 0' }}>
            <Card size="small" style={{ width: '100%' }} title={`${numberOf(r)}. ${r.ownerOrgName}`} extra={statusTag(r)}>
              {content(r)}
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {o('deadline')}: {formatDate(r.deadline)}
              </Typography.Paragraph>
              {x.status === 'follow_up' && <RecommendationActions x={x} r={r} />}
            </Card>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<Recommendation>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={false}
      data-testid="recommendations"
      columns={[
        { title: '#', render: (_, r) => numberOf(r), width: 40 },
        { title: o('content'), dataIndex: 'text', render: (_: string, r) => content(r) },
        { title: o('owner'), dataIndex: 'ownerOrgName' },
        { title: o('deadline'), dataIndex: 'deadline', render: formatDate },
        { title: o('status'), render: (_, r) => statusTag(r) },
        { title: '', render: (_, r) => x.status === 'follow_up' && <RecommendationActions x={x} r={r} /> },
      ]}
    />
  );
}

type LinkField = 'itemIds' | 'taskIds' | 'reportIds' | 'memberIds';
const FINDING_LINKS: readonly [LinkField, LinkKind, 'linkItems' | 'linkTasks' | 'linkReports' | 'linkMembers'][] = [
  ['itemIds', 'item', 'linkItems'],
  ['taskIds', 'task', 'linkTasks'],
  ['reportIds', 'report', 'linkReports'],
  ['memberIds', 'member', 'linkMembers'],
];

/** The pickers of what a finding concerns, searched inside the subject's subtree; `f` names what an edited finding links already. */
function FindingLinkFields({ x, f, testPrefix }: { x: Inspection; f?: Finding; testPrefix: string }) {
  const { o } = useOversightT();
  const known = (ids: number[] | undefined, labels: string[] | null | undefined): LinkOption[] =>
    (ids ?? []).map((id, i) => ({ id, label: labels?.[i] ?? `#${id}`, detail: null }));
  const knownOf: Record<LinkField, LinkOption[]> = {
    itemIds: known(f?.itemIds, f?.itemTexts),
    taskIds: known(f?.taskIds, f?.taskTitles),
    reportIds: known(f?.reportIds, f?.reportLabels),
    memberIds: known(f?.memberIds, f?.memberNames),
  };
  return (
    <>
      {FINDING_LINKS.map(([name, kind, label]) => (
        <Form.Item key={name} name={name} label={o(label)}>
          <LinkPicker
            aria-label={o(label)}
            testId={`${testPrefix}-${kind}s`}
            known={knownOf[name]}
            cacheKey={['finding', x.id, kind]}
            search={(q) => fetchFindingLinkOptions(x.id, kind, q)}
          />
        </Form.Item>
      ))}
    </>
  );
}

type RecForm = { kind: 'recommendation' | 'requirement'; text: string; ownerOrgId: number; deadline: Dayjs };
function ConclusionForm({ x }: { x: Inspection }) {
  const { o } = useOversightT();
  const [form] = Form.useForm();
  const handlers = useStep(x)(form);
  const m = useMutation({
    mutationFn: (v: { text: string; recommendations?: RecForm[] }) =>
      inspectionStep(x.id, 'conclusion', {
        version: x.version,
        text: v.text,
        recommendations: (v.recommendations ?? []).map((r) => ({
          kind: r.kind,
          text: r.text,
          ownerOrgId: r.ownerOrgId,
          deadline: r.deadline.format('YYYY-MM-DD'),
        })),
      }),
    ...handlers,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => m.mutate(v)}
      initialValues={{ recommendations: [{ kind: 'recommendation', ownerOrgId: x.subjectOrgId, deadline: dayjs().add(3, 'month') }] }}
      style={{ marginTop: 8 }}
    >
      <Form.Item name="text" label={o('conclusion')} rules={[{ required: true }]}>
        <Input.TextArea rows={4} data-testid="conclusion-text" />
      </Form.Item>
      <Form.List name="recommendations">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }} extra={<a onClick={() => remove(f.name)}>×</a>}>
                <Form.Item name={[f.name, 'kind']} label={o('askKind')}>
                  <Select
                    style={{ width: 160 }}
                    data-testid={`rec-kind-${f.name}`}
                    options={[
                      { value: 'recommendation', label: o('recommendationKind') },
                      { value: 'requirement', label: o('requirementKind') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'text']} label={o('content')} rules={[{ required: true }]}>
                  <Input.TextArea rows={2} data-testid={`rec-text-${f.name}`} />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={[f.name, 'ownerOrgId']} label={o('owner')} rules={[{ required: true }]}>
                    <OrgPicker style={{ minWidth: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'deadline']} label={o('deadline')} rules={[{ required: true }]}>
                    <DatePicker format="DD/MM/YYYY" />
                  </Form.Item>
                </Space>
              </Card>
            ))}
            <Space wrap>
              <Button onClick={() => add({ kind: 'recommendation', ownerOrgId: x.subjectOrgId, deadline: dayjs().add(3, 'month') })}>
                {o('addRecommendation')}
              </Button>
              <Button
                onClick={() => add({ kind: 'requirement', ownerOrgId: x.subjectOrgId, deadline: dayjs().add(3, 'month') })}
                data-testid="add-requirement"
              >
                {o('addRequirement')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="step-conclusion">
          {o('conclude')}
        </Button>
      </div>
    </Form>
  );
}

function RecommendationActions({ x, r }: { x: Inspection; r: Recommendation }) {
  const { o } = useOversightT();
  const [evidence, setEvidence] = useState('');
  const handlers = useStep(x)();
  const m = useMutation({
    mutationFn: (a: 'report' | 'accept' | 'reopen') =>
      recommendationStep(r.id, a, a === 'report' ? { version: r.version, evidence } : { version: r.version }),
    ...handlers,
  });
  const waiting = r.status === 'open' || r.status === 'reopened';
  if (r.canReport && waiting) {
    return (
      <Space direction="vertical" style={{ width: '100%', minWidth: 200 }}>
        <Input.TextArea
          rows={2}
          placeholder={o('evidence')}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          data-testid={`rec-evidence-${r.position}`}
        />
        <Button size="small" onClick={() => m.mutate('report')} loading={m.isPending} data-testid={`rec-report-${r.position}`}>
          {o('reportDone')}
        </Button>
      </Space>
    );
  }
  if (x.abilities.commission && r.status === 'reported') {
    return (
      <Space wrap>
        <Button
          size="small"
          type="primary"
          onClick={() => m.mutate('accept')}
          loading={m.isPending}
          data-testid={`rec-accept-${r.position}`}
        >
          {o('accept')}
        </Button>
        <Button size="small" onClick={() => m.mutate('reopen')}>
          {o('reopen')}
        </Button>
      </Space>
    );
  }
  return null;
}

type FindingEdit = { kind: Finding['kind']; theme: string; text: string } & Record<LinkField, number[]>;
/** The team refines a draft finding; the version it read goes back (409 when someone else saved first). */
function EditFindingButton({ x, f }: { x: Inspection; f: Finding }) {
  const { o, finding } = useOversightT();
  const [form] = Form.useForm<FindingEdit>();
  const [isOpen, setOpen] = useState(false);
  const handlers = useStep(x)();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: FindingEdit) =>
      updateFinding(f.id, {
        version: f.version,
        kind: v.kind,
        theme: v.theme,
        text: v.text,
        itemIds: v.itemIds ?? [],
        taskIds: v.taskIds ?? [],
        reportIds: v.reportIds ?? [],
        memberIds: v.memberIds ?? [],
      }),
    onSuccess: (next: Inspection) => {
      handlers.onSuccess(next);
      setOpen(false);
    },
    onError: (e) => onError(e, { form, onConflict: () => void qc.invalidateQueries({ queryKey: oversightKeys.inspection(x.id) }) }),
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`edit-finding-${f.id}`}>
        {o('edit')}
      </Button>
      <FormModal<FindingEdit>
        title={o('editFinding')}
        open={isOpen}
        form={form}
        onCancel={() => setOpen(false)}
        onFinish={(v) => m.mutate(v)}
        isSaving={m.isPending}
        initialValues={{
          kind: f.kind,
          theme: f.theme,
          text: f.text,
          itemIds: f.itemIds,
          taskIds: f.taskIds,
          reportIds: f.reportIds,
          memberIds: f.memberIds,
        }}
        testId="edit-finding"
      >
        <Form.Item name="kind" label={o('kind')}>
          <Select options={['strength', 'limitation', 'shortcoming', 'violation'].map((k) => ({ value: k, label: finding(k) }))} />
        </Form.Item>
        <Form.Item name="theme" label={o('theme')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="text" label={o('content')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} data-testid="edit-finding-text" />
        </Form.Item>
        <FindingLinkFields x={x} f={f} testPrefix="edit-finding" />
      </FormModal>
    </>
  );
}
