import { Card, Layout, Result, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { dashboardKeys, fetchPublicDashboard, type PublicDashboard } from '../dashboard/dashboard.api';
import { TargetChart } from '../dashboard/target-chart';
import { formatDay, formatNumber, useReportsT } from './reports.i18n';

const COLOR: Record<string, string> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  off_track: 'red',
  not_assessable: 'default',
};

/** A document's progress as its owner chose to publish it: read-only, no login. */
export function PublicDashboardPage({ token }: { token: string }) {
  const { r } = useReportsT();
  const q = useQuery({ queryKey: dashboardKeys.public(token), queryFn: () => fetchPublicDashboard(token), retry: false });
  let body;
  if (q.isPending) body = <Loading />;
  else if (q.isError)
    body =
      q.error instanceof ApiError && q.error.status === 404 ? (
        <Result status="404" title={r('publicGone')} />
      ) : (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      );
  else body = <PublicBody d={q.data} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Content style={{ maxWidth: 1200, margin: '0 auto', padding: 24, width: '100%' }} data-testid="public-dashboard">
        <Typography.Text type="secondary">Resolute — {r('publicTitle')}</Typography.Text>
        {body}
      </Layout.Content>
    </Layout>
  );
}

function PublicBody({ d }: { d: PublicDashboard }) {
  const { r } = useReportsT();
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {d.document.symbol} — {d.document.orgName}
      </Typography.Title>
      <Typography.Paragraph>{d.document.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {r('asOf')} {formatDay(d.asOf)}
      </Typography.Paragraph>
      <Card size="small" title={r('targets')}>
        <Table
          rowKey="itemId"
          size="small"
          dataSource={d.targets}
          pagination={false}
          locale={{ emptyText: <EmptyState text={r('none')} /> }}
          expandable={{ expandedRowRender: (t) => <TargetChart target={t} /> }}
          columns={[
            { title: r('targets'), dataIndex: 'text' },
            { title: r('goal'), dataIndex: 'statement', width: 150 },
            { title: r('actual'), width: 140, render: (_, t) => (t.latest === null ? '—' : `${formatNumber(t.latest)} ${t.unit}`) },
            { title: r('assessment'), width: 150, render: (_, t) => <Tag color={COLOR[t.status]}>{r(`tg.${t.status}`)}</Tag> },
          ]}
        />
      </Card>
      {d.tasks && (
        <Card size="small" title={r('tasksByStatus')} style={{ marginTop: 12 }}>
          <Space wrap>
            {Object.entries(d.tasks.counts).map(([s, n]) => (
              <Tag key={s}>
                {r(`ts.${s}`)}: {formatNumber(n)}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
    </>
  );
}
