import { Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';
import { ErrorState, Loading } from '../../components/states';
import { formatDay } from './reports.i18n';
import { useFollowupT } from './followup.i18n';
import type { escalationsResponse } from '../../../contracts/reports';

type Escalation = z.infer<typeof escalationsResponse>[number];

const fetchEscalations = (orgId: number) => api.get<Escalation[]>('/escalations', { orgId, limit: 20 });

/**
 * Who was escalated to the level above, and for what, in the subtree of the dashboard's org
 * (issue 12): the late org, what it left open, when it was due and raised, and whether it has
 * been done since. A list, not a table, so that it reads on a phone.
 */
export function EscalationsCard({ orgId }: { orgId: number }) {
  const { f } = useFollowupT();
  const q = useQuery({ queryKey: ['escalations', orgId], queryFn: () => fetchEscalations(orgId) });
  return (
    <Card size="small" title={f('escalations')} style={{ marginTop: 12 }} data-testid="escalations">
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List<Escalation>
          size="small"
          dataSource={q.data}
          locale={{ emptyText: f('escalationsEmpty') }}
          renderItem={(e) => (
            <List.Item data-testid="escalation-row">
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Space wrap size={4}>
                  <Tag color="orange">{f(`k.${e.kind}`)}</Tag>
                  <Typography.Text strong>{e.lateOrgName}</Typography.Text>
                  <Tag color={e.isResolved ? 'green' : 'red'}>{e.isResolved ? f('resolved') : f('stillOpen')}</Tag>
                </Space>
                <Typography.Text>
                  <a href={e.link}>{e.title}</a>
                </Typography.Text>
                <Typography.Text type="secondary">
                  {f('dueDate')} {formatDay(e.dueDate)} · {f('escalatedOn')} {formatDay(e.escalatedOn)} (
                  {f('afterDays', { days: e.escalationDays })}) · {f('headOrg')}: {e.headOrgName}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
