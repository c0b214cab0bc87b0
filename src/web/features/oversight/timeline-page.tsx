import { Card, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { fetchInspections, fetchTimeline, oversightKeys } from './oversight.api';
import { useOversightT } from './oversight.i18n';

/** A subject's page: every inspection and supervision of it in one timeline, with how far each conclusion was carried out. */
export function TimelinePage({ orgId }: { orgId: number }) {
  const { o, kind } = useOversightT();
  const q = useQuery({ queryKey: oversightKeys.timeline(orgId), queryFn: () => fetchTimeline(orgId) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <div>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }}>
        {o('timeline')}: {q.data.org.name}
      </Typography.Title>
      {q.data.items.length === 0 ? (
        <Typography.Text type="secondary">{o('empty')}</Typography.Text>
      ) : (
        <Timeline
          items={q.data.items.map((i) => ({
            color: i.status === 'closed' ? 'green' : i.recommendations?.overdue ? 'red' : 'blue',
            children: (
              <div>
                <b>{formatDate(i.periodStart)}</b> · {kind(i.kind)} ·{' '}
                <Link to="/oversight/inspections/$id" params={{ id: String(i.id) }}>
                  {i.content}
                </Link>
                <div>
                  <Tag>{i.statusLabel}</Tag>
                  {i.recommendations && `${i.recommendations.accepted}/${i.recommendations.total} ${o('carriedOut')}`}
                  {i.recommendations?.overdue ? (
                    <Tag color="red">
                      {o('overdue')}: {i.recommendations.overdue}
                    </Tag>
                  ) : null}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}

/** The files the caller may open: the commission's, the team's, or the subject's own. */
export function InspectionsPage() {
  const { o, kind } = useOversightT();
  const q = useQuery({ queryKey: oversightKeys.inspections({}), queryFn: () => fetchInspections({}) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <Card size="small" title={<h1 className="card-heading">{o('files')}</h1>}>
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          {
            title: o('subject'),
            render: (_, i) => (
              <Link to="/oversight/inspections/$id" params={{ id: String(i.id) }}>
                {i.subjectMemberName ?? i.subjectOrgName}
              </Link>
            ),
          },
          { title: o('kind'), render: (_, i) => kind(i.kind) },
          { title: o('content'), dataIndex: 'content' },
          { title: o('period'), render: (_, i) => formatDate(i.periodStart) },
          {
            title: o('status'),
            render: (_, i) => (
              <>
                {i.statusLabel} {i.isSample && <Tag>{o('sample')}</Tag>}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
