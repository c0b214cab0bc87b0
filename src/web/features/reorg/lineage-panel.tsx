import { List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { dayBefore } from '../../../domain/reorg/versions';
import { fetchLineage, reorgKeys, type Lineage } from './reorg.api';
import { useReorgT, type ReorgKey } from './reorg.i18n';

type Edge = Lineage['cameFrom'][number];
const edgeKinds = ['merged_into', 'split_from', 'dissolved', 'moved'] as const;
const edgeKey = (side: 'from' | 'into', kind: string): ReorgKey | null =>
  (edgeKinds as readonly string[]).includes(kind) ? (`${side}.${kind}` as ReorgKey) : null;

/**
 * "Lịch sử hình thành" of an org: the orgs it came from and went into, each with its effective
 * date and the decision cited, and the names it had over time (a rename keeps the old name).
 */
export function LineagePanel({ orgId, onSelect }: { orgId: number; onSelect: (id: number) => void }) {
  const { r } = useReorgT();
  const lineage = useQuery({ queryKey: reorgKeys.lineage(orgId), queryFn: () => fetchLineage(orgId) });
  if (lineage.isPending) return <Loading />;
  if (lineage.isError) return <ErrorState error={lineage.error} onRetry={() => void lineage.refetch()} />;
  const { cameFrom, wentInto, names } = lineage.data;
  const hasHistory = cameFrom.length > 0 || wentInto.length > 0 || names.length > 1;

  const edgeList = (side: 'from' | 'into', edges: Edge[]) => (
    <List<Edge>
      size="small"
      dataSource={edges}
      data-testid={side === 'from' ? 'lineage-came-from' : 'lineage-went-into'}
      renderItem={(e) => {
        const key = edgeKey(side, e.kind);
        return (
          <List.Item>
            <div style={{ minWidth: 0 }}>
              <div>
                {key && <Tag bordered={false}>{r(key)}</Tag>}
                <a
                  href={`/orgs?orgId=${e.orgId}`}
                  // Underlined: beside the tag it reads as text, and colour alone does not mark a link.
                  style={{ textDecoration: 'underline' }}
                  onClick={(ev) => {
                    ev.preventDefault();
                    onSelect(e.orgId);
                  }}
                >
                  {e.name}
                </a>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r('effective', { d: formatDate(e.effectiveDate) })} · {e.decision}
              </Typography.Text>
            </div>
          </List.Item>
        );
      }}
    />
  );

  return (
    <div data-testid="lineage">
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {r('lineage')}
      </Typography.Title>
      {!hasHistory && <Typography.Text type="secondary">{r('noLineage')}</Typography.Text>}
      {cameFrom.length > 0 && (
        <>
          <Typography.Text strong>{r('cameFrom')}</Typography.Text>
          {edgeList('from', cameFrom)}
        </>
      )}
      {wentInto.length > 0 && (
        <>
          <Typography.Text strong>{r('wentInto')}</Typography.Text>
          {edgeList('into', wentInto)}
        </>
      )}
      {names.length > 1 && (
        <>
          <Typography.Text strong>{r('names')}</Typography.Text>
          <ul className="committee-people" data-testid="lineage-names">
            {names.map((n) => (
              <li key={`${n.name}-${n.validFrom}`}>
                {n.name}{' '}
                <Typography.Text type="secondary">
                  (
                  {n.validTo
                    ? r('nameRange', { from: formatDate(n.validFrom), to: formatDate(dayBefore(n.validTo)) })
                    : r('nameSince', { from: formatDate(n.validFrom) })}
                  )
                </Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
