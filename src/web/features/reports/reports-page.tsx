import { useState } from 'react';
import { formatPeriod } from '../../lib/format';
import { vnToday } from '../../../domain/vn-time';
import { Card, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/states';
import { fetchReports, reportKeys, type ListReportsQuery, type ReportSummary } from './reports.api';
import { reportStatusColor } from './report-page';
import { formatDay, useReportsT } from './reports.i18n';

type TabKey = 'write' | 'approve' | 'returned' | 'submitted' | 'all';
const queryOf = (tab: TabKey): Omit<ListReportsQuery, 'page' | 'pageSize'> =>
  tab === 'write' ? { waiting: 'write' } : tab === 'approve' ? { waiting: 'approve' } : tab === 'all' ? {} : { status: tab };

/**
 * "Báo cáo": the reports of the caller's orgs due to write, those of the orgs one level down
 * waiting for the caller's approval, the returned and the submitted ones, with paging.
 */
export function ReportsPage() {
  const { r, locale } = useReportsT();
  const lang = locale === 'en' ? 'en' : 'vi';
  const [tab, setTab] = useState<TabKey>('write');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query: ListReportsQuery = { ...queryOf(tab), page, pageSize };
  const q = useQuery({ queryKey: reportKeys.list(query), queryFn: () => fetchReports(query), placeholderData: keepPreviousData });
  // Due dates are Vietnamese calendar days (UTC+7), whatever the browser's zone.
  const today = vnToday();

  return (
    <div data-testid="reports-page">
      <Typography.Title level={1} className="page-title">
        {r('reports')}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as TabKey);
            setPage(1);
          }}
          items={(['write', 'approve', 'returned', 'submitted', 'all'] as TabKey[]).map((k) => ({
            key: k,
            label: <span data-testid={`reports-tab-${k}`}>{r(k === 'write' ? 'toWrite' : k === 'approve' ? 'toApprove' : k)}</span>,
          }))}
        />
        {q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<ReportSummary>
            rowKey="id"
            size="small"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            data-testid="reports-table"
            locale={{ emptyText: r('none') }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: r('org'),
                render: (_, x) => (
                  <Link to="/reports/$id" params={{ id: String(x.id) }}>
                    {x.orgName}
                  </Link>
                ),
              },
              { title: r('document'), render: (_, x) => <span title={x.documentTitle}>{x.documentSymbol}</span>, width: 140 },
              { title: r('period'), render: (_, x) => formatPeriod(x.periodKey, lang), width: 150 },
              {
                title: r('dueDate'),
                width: 150,
                render: (_, x) => (
                  <>
                    {formatDay(x.dueDate)}{' '}
                    {(x.status === 'draft' || x.status === 'returned') && x.dueDate < today && <Tag color="red">{r('late')}</Tag>}
                  </>
                ),
              },
              { title: r('status'), width: 130, render: (_, x) => <Tag color={reportStatusColor[x.status]}>{r(`s.${x.status}`)}</Tag> },
              { title: r('returnComment'), render: (_, x) => (x.status === 'returned' ? x.returnComment : null) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
