import { useState } from 'react';
import { Breadcrumb, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { fetchDashboard, oversightKeys, type Dashboard } from './oversight.api';
import { formatCount, formatPercent, useOversightT } from './oversight.i18n';

/**
 * The commission's dashboard: the share of party organizations inspected or supervised this
 * year and this term with its parts, what was found by kind and theme, the overdue
 * recommendations, and the same per child org (click to drill down).
 */
export function OversightDashboardPage({ orgId }: { orgId?: number }) {
  const { o, kind, finding } = useOversightT();
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const q = { orgId, year };
  const dash = useQuery({ queryKey: oversightKeys.dashboard(q), queryFn: () => fetchDashboard(q) });
  if (dash.isPending) return <Loading />;
  if (dash.isError) return <ErrorState error={dash.error} onRetry={() => void dash.refetch()} />;
  const d: Dashboard = dash.data;
  const drill = (id?: number) => void navigate({ to: '/oversight', search: id ? { orgId: id } : {} });
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          {o('dashboard')}
        </Typography.Title>
        <Space wrap>
          <Link to="/oversight/programs">{o('programs')}</Link>
          <Link to="/oversight/inspections">{o('files')}</Link>
          <Select
            aria-label={o('year')}
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            options={[0, 1, 2, 3, 4, 5].map((i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
          />
        </Space>
      </Space>
      <Breadcrumb
        style={{ margin: '12px 0' }}
        items={[
          ...(d.org.parentId && orgId ? [{ title: <a onClick={() => drill(undefined)}>…</a> }] : []),
          {
            title: (
              <Link to="/oversight/orgs/$orgId" params={{ orgId: String(d.org.id) }}>
                {d.org.name}
              </Link>
            ),
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Progress
              aria-label={o('coverageYear')}
              type="dashboard"
              percent={d.coverageYear.percent}
              format={() => formatPercent(d.coverageYear.percent)}
            />
            <Statistic
              title={o('coverageYear')}
              value={d.coverageYear.covered}
              suffix={`/ ${formatCount(d.coverageYear.orgs)}`}
              groupSeparator="."
            />
            <div data-testid="coverage-year" style={{ display: 'none' }}>
              {d.coverageYear.covered}/{d.coverageYear.orgs}
            </div>
            <Typography.Text type="secondary">
              {o('coverageTerm')} {d.term}: {formatCount(d.coverageTerm.covered)}/{formatCount(d.coverageTerm.orgs)} (
              {formatPercent(d.coverageTerm.percent)})
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={`${kind('inspection')} / ${kind('supervision')}`}>
            {(['inspection', 'supervision'] as const).map((k) => (
              <div key={k}>
                {kind(k)}: <b>{formatCount(d.byKind[k].concluded)}</b> {o('concluded')}, {formatCount(d.byKind[k].ongoing)} {o('ongoing')}
              </div>
            ))}
            <div style={{ marginTop: 8 }}>
              {(['strength', 'limitation', 'shortcoming', 'violation'] as const).map((k) => (
                <Tag key={k} color={k === 'strength' ? 'green' : k === 'violation' ? 'red' : 'orange'}>
                  {finding(k)}: {formatCount(d.findingsByKind[k])}
                </Tag>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={o('overdue')}>
            <Statistic
              value={d.overdue.count}
              valueStyle={{ color: d.overdue.count > 0 ? '#b71c1c' : undefined }}
              data-testid="overdue-count"
            />
            {d.overdue.items.slice(0, 5).map((r) => (
              <div key={r.id}>
                <Link to="/oversight/inspections/$id" params={{ id: String(r.inspectionId) }}>
                  {r.subjectOrgName}
                </Link>
                : {r.text} ({formatDate(r.deadline)})
              </div>
            ))}
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }} title={o('byChild')}>
        <Table
          size="small"
          rowKey="orgId"
          dataSource={d.children}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          // Headers keep their words on one line; on a phone the table scrolls inside its card.
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => drill(r.orgId), style: { cursor: 'pointer' } })}
          columns={[
            { title: o('unit'), dataIndex: 'orgName', render: (n: string) => <a>{n}</a> },
            { title: o('partyOrgs'), dataIndex: 'orgs', align: 'right', render: formatCount },
            { title: o('covered'), dataIndex: 'coveredYear', align: 'right', render: formatCount },
            {
              title: '%',
              dataIndex: 'percentYear',
              width: 160,
              render: (v: number, row) => (
                <Progress aria-label={`${row.orgName}: ${o('coverageYear')}`} percent={v} size="small" format={() => formatPercent(v)} />
              ),
            },
            { title: o('overdue'), dataIndex: 'overdue', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 16 }} title={`${o('findings')} — ${o('theme')}`}>
        <Table
          size="small"
          rowKey="theme"
          dataSource={d.findingsByTheme}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: o('theme'), dataIndex: 'theme' },
            { title: o('files'), dataIndex: 'files', align: 'right' },
            ...(['strength', 'limitation', 'shortcoming', 'violation'] as const).map((k) => ({
              title: finding(k),
              dataIndex: k,
              align: 'right' as const,
            })),
          ]}
        />
      </Card>
    </div>
  );
}
