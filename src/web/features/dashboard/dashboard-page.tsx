import { useCallback, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Grid,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ExclamationCircleOutlined, FileExcelOutlined, FileWordOutlined, MessageOutlined, ShareAltOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { downloadUrl } from '../../lib/api';
import { formatPeriod } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { useCan } from '../auth/use-permission';
import {
  dashboardKeys,
  fetchDashboard,
  fetchDrillList,
  type Dashboard,
  type DashboardTarget,
  type DrillQuery,
  type DrillReport,
  type DrillTarget,
  type DrillTask,
  type OwnTarget,
  type TargetStatus,
  type TreeBasis,
} from './dashboard.api';
import { TargetChart } from './target-chart';
import { OrgHeatMap } from './org-heat-map';
import { AskExplanationModal, ExplanationsDrawer, type ExplanationSubject } from '../reports/explanations';
import { ShareModal } from '../reports/share-modal';
import { EscalationsCard } from '../reports/escalations-card';
import { formatDay, formatNumber, useReportsT } from '../reports/reports.i18n';
import { reportStatusColor } from '../reports/report-page';
import type { ReportStatus } from '../reports/reports.api';

export const TARGET_STATUS_COLOR: Record<TargetStatus, string> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  off_track: 'red',
  not_assessable: 'default',
};
const TARGET_STATUSES = Object.keys(TARGET_STATUS_COLOR) as TargetStatus[];
const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
const isRed = (s: TargetStatus) => s === 'off_track' || s === 'at_risk';
// A card title that says what its figures are keeps every word: it wraps instead of ending in "…".
const WRAP = { whiteSpace: 'normal' } as const;
// The server marks STUDY_RATE targets whose actual is study coverage rather than reported figures.
const isFromStudy = (t: DashboardTarget) => t.source === 'study';

type Asking = { subject: ExplanationSubject; orgId: number };

/** The leader's page for a document and an org: statuses, charts, tasks heat map, completeness. */
export function DashboardPage({ documentId, orgId }: { documentId: number; orgId?: number }) {
  const { r, locale } = useReportsT();
  const lang = locale === 'en' ? 'en' : 'vi';
  const navigate = useNavigate();
  // The org drilled into lives in the address: the back button climbs up again, a link shares it.
  const setOrgId = useCallback(
    (next: number | undefined) =>
      void navigate({
        to: '/dashboard/$documentId',
        params: { documentId: String(documentId) },
        search: next === undefined ? {} : { orgId: next },
      }),
    [navigate, documentId],
  );
  const [asOf, setAsOf] = useState<string | undefined>();
  const [periodKey, setPeriodKey] = useState<string | undefined>();
  const [tree, setTree] = useState<TreeBasis | undefined>();
  const [drill, setDrill] = useState<DrillQuery | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [thread, setThread] = useState<ExplanationSubject | null>(null);
  const [sharing, setSharing] = useState(false);
  const q = useQuery({
    queryKey: dashboardKeys.one(documentId, orgId, asOf, periodKey, tree),
    queryFn: () => fetchDashboard(documentId, orgId, asOf, periodKey, tree),
  });
  const canAskApprove = useCan('reports.approve', q.data?.org.path ?? '0');
  const canAskWrite = useCan('documents.write', q.data?.org.path ?? '0');
  const canShare = useCan('reports.manage');
  const pick = useCallback((id: number) => setOrgId(id), [setOrgId]);
  const heatItems = useMemo(() => q.data?.children ?? [], [q.data]);
  // On a phone a target is one card-like row: its goal, figure, reason and threads under its
  // words, beside its status; six columns left each a word wide.
  const isPhone = Grid.useBreakpoint().md === false;

  // The page keeps its heading while a large org's figures are computed (screen readers and
  // the phone's first view say where the person is).
  if (q.isPending)
    return (
      <>
        <Typography.Title level={1} className="page-title">
          {r('dashboard')}
        </Typography.Title>
        <Loading />
      </>
    );
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const canAsk = canAskApprove || canAskWrite;
  const orgs = [
    { id: d.org.id, name: d.org.name },
    ...d.children.filter((c) => c.orgId !== d.org.id).map((c) => ({ id: c.orgId, name: c.orgName })),
  ];
  const defaultAsked = orgs[1]?.id ?? d.org.id;
  const params = { asOf: d.asOf, orgId, periodKey, tree };
  // The list reads the dashboard's tree: on a past day's tree it names what the number counted.
  const open = (list: DrillQuery['list'], status?: string) => setDrill({ list, status, orgId, asOf: d.asOf, periodKey, tree });
  const period = formatPeriod(d.reports.periodKey, lang);
  // A document with no report due yet has no period to name: no "— —" in the titles.
  const ofPeriod = (text: string) => (d.reports.periodKey ? `${text} (${period})` : text);
  const parentOf = new Map(d.targets.map((t) => [t.itemId, t]));

  const actualCell = (t: DashboardTarget) => (
    <>
      {t.notCombinable ? (
        <Tag color="orange" style={{ whiteSpace: 'normal' }} title={t.notCombinable[lang]} data-testid={`not-combinable-${t.itemId}`}>
          {r('notCombinable')}
        </Tag>
      ) : t.latest === null ? (
        '—'
      ) : (
        `${formatNumber(t.latest)} ${t.unit}`
      )}
      {t.latestPeriod && (
        <div>
          <Typography.Text type="secondary">{formatPeriod(t.latestPeriod, lang)}</Typography.Text>
        </div>
      )}
      {isFromStudy(t) && (
        <div>
          <Tag color="cyan" style={{ marginTop: 4, whiteSpace: 'normal' }} data-testid={`from-study-${t.itemId}`}>
            {r('studyAuto')}
          </Tag>
        </div>
      )}
    </>
  );
  const explanationsCell = (t: DashboardTarget) => (
    <Space orientation="vertical" size={4}>
      {t.openExplanations > 0 && (
        <Button
          size="small"
          icon={<MessageOutlined />}
          onClick={() => setThread({ itemId: t.itemId, text: t.text })}
          data-testid={`explanations-${t.itemId}`}
        >
          <Badge count={t.openExplanations} size="small" offset={[8, -2]}>
            {r('thread')}
          </Badge>
        </Button>
      )}
      {t.openExplanations === 0 && (
        <Button size="small" type="link" onClick={() => setThread({ itemId: t.itemId, text: t.text })}>
          {r('thread')}
        </Button>
      )}
      {canAsk && isRed(t.status) && (
        <Button
          size="small"
          danger
          onClick={() => setAsking({ subject: { itemId: t.itemId, text: t.text }, orgId: defaultAsked })}
          data-testid={`ask-${t.itemId}`}
        >
          {r('askExplanation')}
        </Button>
      )}
    </Space>
  );

  return (
    <div data-testid="dashboard">
      <Space style={{ marginBottom: 4 }} wrap>
        <Typography.Text type="secondary">
          <Link to="/documents/$id" params={{ id: String(documentId) }}>
            {d.document.symbol}
          </Link>{' '}
          — {d.document.title}
        </Typography.Text>
      </Space>
      <Space style={{ marginBottom: 16, display: 'flex', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }} data-testid="dashboard-title">
          {r('dashboard')} — {d.org.name}
        </Typography.Title>
        <Space wrap>
          <span>{r('asOf')}</span>
          <DatePicker
            aria-label={r('asOf')}
            format="DD/MM/YYYY"
            allowClear={false}
            value={dayjs(d.asOf)}
            onChange={(v) => setAsOf(v ? v.format('YYYY-MM-DD') : undefined)}
            data-testid="as-of"
            id="dashboard-as-of"
          />
          <Select
            aria-label={r('period_pick')}
            style={{ minWidth: 190 }}
            value={periodKey ?? ''}
            onChange={(v) => setPeriodKey(v || undefined)}
            data-testid="period-pick"
            options={[
              { value: '', label: `${r('period_latest')} (${period})` },
              ...d.periods.map((p) => ({ value: p.key, label: formatPeriod(p.key, lang) })),
            ]}
          />
          {orgId !== undefined && d.org.parentId !== null && (
            <Button onClick={() => setOrgId(d.org.parentId === d.document.orgId ? undefined : d.org.parentId!)}>{r('up')}</Button>
          )}
          {orgId !== undefined && <Button onClick={() => setOrgId(undefined)}>{r('backToTop')}</Button>}
          <Button
            icon={<FileExcelOutlined />}
            href={downloadUrl(`/documents/${documentId}/dashboard.xlsx`, params)}
            data-testid="dashboard-xlsx"
          >
            {r('exportExcel')}
          </Button>
          {d.reports.periodKey && (
            <Button
              icon={<FileWordOutlined />}
              href={downloadUrl(`/documents/${documentId}/progress-report.docx`, { orgId, periodKey: d.reports.periodKey, tree })}
            >
              {r('wordReport')}
            </Button>
          )}
          {canShare && (
            <Button icon={<ShareAltOutlined />} onClick={() => setSharing(true)} data-testid="share-open">
              {r('publicLink')}
            </Button>
          )}
        </Space>
      </Space>
      {/* Which tree the figures use ("cơ cấu tổ chức tại ngày …"); a past day can be converted to today's boundaries. */}
      <Space style={{ marginBottom: 16 }} wrap>
        <Tag
          color={d.tree.isPastTree || d.tree.basis === 'current' ? 'gold' : 'default'}
          style={{ whiteSpace: 'normal' }}
          data-testid="dashboard-tree"
        >
          {d.tree.label[lang]}
        </Tag>
        {(asOf !== undefined || tree !== undefined) && (
          <Checkbox
            checked={tree === 'current'}
            onChange={(e) => setTree(e.target.checked ? 'current' : undefined)}
            data-testid="converted-tree"
          >
            {r('convertedTree')}
          </Checkbox>
        )}
      </Space>

      <Typography.Title level={2} className="section-title">
        {r('targets')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {TARGET_STATUSES.map((s) => (
          <Col key={s} xs={12} md={8} lg={4}>
            <Card
              size="small"
              hoverable
              role="button"
              tabIndex={0}
              onClick={() => open('targets', s)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && open('targets', s)}
              data-testid={`count-${s}`}
            >
              <Statistic
                title={<Tag color={TARGET_STATUS_COLOR[s]}>{r(`tg.${s}`)}</Tag>}
                value={d.targetCounts[s]}
                formatter={(v) => formatNumber(Number(v))}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} lg={4}>
          <Card
            size="small"
            hoverable
            role="button"
            tabIndex={0}
            onClick={() => open('reports')}
            onKeyDown={(e) => e.key === 'Enter' && open('reports')}
            data-testid="count-reports"
          >
            <Statistic
              title={ofPeriod(r('reportsIn'))}
              value={`${formatNumber(d.reports.submitted)}/${formatNumber(d.reports.expected)}`}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={r('tasksByStatus')} style={{ height: '100%' }}>
            <Space wrap>
              {TASK_STATUSES.filter((s) => s !== 'overdue').map((s) => (
                <Button key={s} onClick={() => open('tasks', s)} data-testid={`tasks-${s}`}>
                  {r(`ts.${s}`)}: <b style={{ marginLeft: 4 }}>{formatNumber(d.tasks.counts[s] ?? 0)}</b>
                </Button>
              ))}
              {/* One figure of overdue tasks for the whole page: unfinished and past due at the viewed date. */}
              <Button danger icon={<ExclamationCircleOutlined />} onClick={() => open('overdue_tasks')} data-testid="tasks-overdue-now">
                {r('overdueAsOf', { date: formatDay(d.asOf) })}: <b style={{ marginLeft: 4 }}>{formatNumber(d.tasks.overdue)}</b>
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={ofPeriod(r('completeness'))}
            styles={{ title: WRAP }}
            style={{ height: '100%' }}
            data-testid="completeness"
          >
            <Space wrap size="large">
              <Progress
                aria-label={r('completeness')}
                type="circle"
                size={80}
                percent={Math.round(d.reports.submittedPct ?? 0)}
                format={() => `${formatNumber(d.reports.submittedPct ?? 0, 1)}%`}
              />
              <div>
                <div>
                  {r('reportsIn')}:{' '}
                  <b data-testid="completeness-submitted">
                    {formatNumber(d.reports.submitted)}/{formatNumber(d.reports.expected)}
                  </b>
                </div>
                <div>
                  {r('s.approved')}: <b data-testid="completeness-approved">{formatNumber(d.reports.approved)}</b>
                </div>
                <div>
                  {r('onTime')}: <b>{d.reports.onTimePct === null ? '—' : `${formatNumber(d.reports.onTimePct, 1)}%`}</b>
                </div>
                <div>
                  {r('lateReports')}: <b>{formatNumber(d.reports.late)}</b>
                </div>
              </div>
            </Space>
          </Card>
        </Col>
      </Row>

      <Card title={r('targets')} size="small" style={{ marginTop: 12 }}>
        <Table<DashboardTarget>
          rowKey="itemId"
          size="small"
          dataSource={d.targets}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="targets-table"
          locale={{ emptyText: <EmptyState text={r('empty')} /> }}
          expandable={{
            expandedRowRender: (t) => <TargetChart target={t} />,
            rowExpandable: (t) => t.yearly.length + t.plan.length + t.forecast.length > 0,
          }}
          columns={[
            {
              title: r('targets'),
              render: (_, t) =>
                isPhone ? (
                  <Space orientation="vertical" size={2}>
                    <span>{t.text}</span>
                    <span>
                      {r('goal')}: <b>{t.statement}</b>
                    </span>
                    <span>
                      {r('actual')}: {actualCell(t)}
                    </span>
                    {t.reason && <Typography.Text type="secondary">{t.reason}</Typography.Text>}
                    {explanationsCell(t)}
                  </Space>
                ) : (
                  t.text
                ),
            },
            { title: r('goal'), dataIndex: 'statement', width: 150, responsive: ['md'] },
            { title: r('actual'), render: (_, t) => actualCell(t), width: 160, responsive: ['md'] },
            {
              title: r('assessment'),
              render: (_, t) => (
                <Tag color={TARGET_STATUS_COLOR[t.status]} data-testid="target-status" style={{ whiteSpace: 'normal' }}>
                  {r(`tg.${t.status}`)}
                </Tag>
              ),
              width: isPhone ? 110 : 140,
            },
            { title: r('reason'), dataIndex: 'reason', responsive: ['md'] },
            { title: r('explanations'), width: 170, responsive: ['md'], render: (_, t) => explanationsCell(t) },
          ]}
        />
      </Card>

      {d.concretized.map((c) => (
        <Card
          key={c.document.id}
          size="small"
          style={{ marginTop: 12 }}
          data-testid="own-targets"
          title={
            <>
              {r('ownTargets', { org: d.org.name })} —{' '}
              <Link to="/documents/$id" params={{ id: String(c.document.id) }}>
                {c.document.symbol}
              </Link>
            </>
          }
        >
          <Table<OwnTarget>
            rowKey="itemId"
            size="small"
            dataSource={c.targets}
            pagination={false}
            scroll={{ x: 720 }}
            locale={{ emptyText: <EmptyState text={r('empty')} /> }}
            columns={[
              { title: r('targets'), dataIndex: 'text' },
              { title: r('goal'), dataIndex: 'statement', width: 140 },
              {
                title: r('parentGoal'),
                width: 170,
                render: (_, t) =>
                  t.parentItemIds
                    .map((id) => parentOf.get(id)?.statement)
                    .filter(Boolean)
                    .join('; ') || '—',
              },
              { title: r('actual'), width: 120, render: (_, t) => (t.latest === null ? '—' : `${formatNumber(t.latest)} ${t.unit}`) },
              {
                title: r('assessment'),
                width: 140,
                render: (_, t) => <Tag color={TARGET_STATUS_COLOR[t.status]}>{r(`tg.${t.status}`)}</Tag>,
              },
              { title: r('reason'), dataIndex: 'reason' },
            ]}
          />
        </Card>
      ))}

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={`${r('heatMap')} — ${r('overdueAsOf', { date: formatDay(d.asOf) })}: ${formatNumber(d.tasks.overdue)}`}
            styles={{ title: WRAP }}
          >
            {d.children.length === 0 ? <EmptyState text={r('empty')} /> : <OrgHeatMap items={heatItems} selfId={d.org.id} onPick={pick} />}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={r('byOrg')}>
            <Table<Dashboard['children'][number]>
              rowKey="orgId"
              size="small"
              dataSource={d.children}
              pagination={false}
              data-testid="children-table"
              locale={{ emptyText: r('empty') }}
              columns={[
                {
                  title: r('org'),
                  render: (_, c) =>
                    c.orgId === d.org.id ? (
                      `${c.orgName}`
                    ) : (
                      <a
                        role="button"
                        tabIndex={0}
                        onClick={() => setOrgId(c.orgId)}
                        onKeyDown={(e) => e.key === 'Enter' && setOrgId(c.orgId)}
                      >
                        {c.orgName}
                      </a>
                    ),
                },
                { title: r('tasks'), render: (_, c) => formatNumber(c.tasks.total), width: 90 },
                {
                  title: r('overdueTasks'),
                  render: (_, c) => <Tag color={c.tasks.overdue > 0 ? 'red' : 'green'}>{formatNumber(c.tasks.overdue)}</Tag>,
                  width: 100,
                },
                {
                  title: r('reportsIn'),
                  width: 170,
                  render: (_, c) => (
                    <Space>
                      <Progress
                        aria-label={`${c.orgName}: ${r('reportsIn')}`}
                        percent={Math.round(c.reports.submittedPct ?? 0)}
                        size="small"
                        showInfo={false}
                        style={{ width: 70, margin: 0 }}
                      />
                      {formatNumber(c.reports.submitted)}/{formatNumber(c.reports.expected)}
                    </Space>
                  ),
                },
                {
                  title: r('onTime'),
                  render: (_, c) => (c.reports.onTimePct === null ? '—' : `${formatNumber(c.reports.onTimePct, 1)}%`),
                  width: 90,
                },
                {
                  title: r('lateReports'),
                  render: (_, c) => <Tag color={c.reports.late > 0 ? 'red' : 'default'}>{formatNumber(c.reports.late)}</Tag>,
                  width: 100,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <EscalationsCard orgId={d.org.id} />

      {drill && (
        <DrillDrawer
          documentId={documentId}
          query={drill}
          onClose={() => setDrill(null)}
          onThread={(t) => setThread({ taskId: t.id, text: t.title })}
          onAsk={canAsk ? (t) => setAsking({ subject: { taskId: t.id, text: t.title }, orgId: t.leadOrgId }) : undefined}
        />
      )}
      {asking && (
        <AskExplanationModal
          subject={asking.subject}
          defaultOrgId={asking.orgId}
          orgs={orgs.some((o) => o.id === asking.orgId) ? orgs : [...orgs, { id: asking.orgId, name: String(asking.orgId) }]}
          onClose={() => setAsking(null)}
        />
      )}
      {thread && <ExplanationsDrawer subject={thread} onClose={() => setThread(null)} />}
      {sharing && <ShareModal documentId={documentId} targets={d.targets} onClose={() => setSharing(false)} />}
    </div>
  );
}

/** The list behind a number of the dashboard. */
function DrillDrawer({
  documentId,
  query,
  onClose,
  onAsk,
  onThread,
}: {
  documentId: number;
  query: DrillQuery;
  onClose: () => void;
  onAsk?: (t: DrillTask) => void;
  onThread: (t: DrillTask) => void;
}) {
  const { r, locale } = useReportsT();
  const lang = locale === 'en' ? 'en' : 'vi';
  const q = useQuery({
    queryKey: dashboardKeys.list(documentId, query),
    queryFn: () => fetchDrillList<DrillTarget & DrillTask & DrillReport>(documentId, query),
  });
  const title =
    query.list === 'targets'
      ? `${r('targets')}: ${r(`tg.${query.status}`)}`
      : query.list === 'reports'
        ? r('reportsIn')
        : query.list === 'overdue_tasks'
          ? r('lateTasks')
          : `${r('tasks')}: ${r(`ts.${query.status}`)}`;
  return (
    <Drawer open size={860} title={`${r('listOf')} — ${title}`} onClose={onClose} data-testid="drill-drawer">
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : query.list === 'targets' ? (
        <Table<DrillTarget>
          rowKey="itemId"
          size="small"
          dataSource={q.data.rows}
          pagination={false}
          locale={{ emptyText: r('none') }}
          columns={[
            { title: r('targets'), dataIndex: 'text' },
            { title: r('actual'), width: 120, render: (_, t) => (t.latest === null ? '—' : `${formatNumber(t.latest)} ${t.unit}`) },
            { title: r('reason'), dataIndex: 'reason' },
          ]}
        />
      ) : query.list === 'reports' ? (
        <Table<DrillReport>
          rowKey="id"
          size="small"
          dataSource={q.data.rows}
          pagination={false}
          locale={{ emptyText: r('none') }}
          columns={[
            {
              title: r('org'),
              render: (_, x) => (
                <Link to="/reports/$id" params={{ id: String(x.id) }}>
                  {x.orgName}
                </Link>
              ),
            },
            { title: r('period'), render: (_, x) => formatPeriod(x.periodKey, lang), width: 110 },
            { title: r('dueDate'), render: (_, x) => formatDay(x.dueDate), width: 110 },
            {
              title: r('status'),
              width: 120,
              render: (_, x) => <Tag color={reportStatusColor[x.status as ReportStatus]}>{r(`s.${x.status}`)}</Tag>,
            },
          ]}
        />
      ) : (
        <Table<DrillTask>
          rowKey="id"
          size="small"
          dataSource={q.data.rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: r('none') }}
          columns={[
            { title: r('tasks'), dataIndex: 'title' },
            { title: r('leadOrg'), dataIndex: 'leadOrgName', width: 180 },
            {
              title: r('dueDate'),
              width: 110,
              render: (_, t) => (
                <>
                  {formatDay(t.dueDate)}
                  {t.isOverdue && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {r('late')}
                    </Tag>
                  )}
                </>
              ),
            },
            { title: r('progress'), width: 80, render: (_, t) => `${t.progress}%` },
            {
              title: r('explanations'),
              width: 170,
              render: (_: unknown, t: DrillTask) => (
                <Space orientation="vertical" size={4}>
                  <Button size="small" type="link" onClick={() => onThread(t)}>
                    {r('thread')}
                  </Button>
                  {onAsk && t.isOverdue && (
                    <Button size="small" danger onClick={() => onAsk(t)} data-testid={`ask-task-${t.id}`}>
                      {r('askExplanation')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
