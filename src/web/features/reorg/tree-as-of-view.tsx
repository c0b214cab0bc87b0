import { useMemo } from 'react';
import { Alert, Button, Tree, type TreeDataNode } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useLocale } from '../../app/locale';
import { orgKindLabels, type OrgKind } from '../../../domain/orgs/org-kinds';
import { fetchTreeAsOf, reorgKeys, type TreeAsOfOrg } from './reorg.api';
import { useReorgT } from './reorg.i18n';
import { nestTreeAsOf, totalMembers, type AsOfNode } from './tree-as-of';

/** The roots, and the ancestors of the selected org so that it shows in the old tree. */
function expandedFor(orgs: readonly TreeAsOfOrg[], roots: readonly AsOfNode[], selectedId?: number): number[] {
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const keys = new Set(roots.map((n) => n.org.id));
  let id = selectedId === undefined ? null : (parentOf.get(selectedId) ?? null);
  while (id !== null && parentOf.has(id)) {
    keys.add(id);
    id = parentOf.get(id) ?? null;
  }
  return [...keys];
}

type Props = { asOf: string; selectedId?: number; onSelect: (id: number) => void; onToday: () => void };

/**
 * "Cơ cấu tổ chức tại ngày …": the tree as it stood that day (names, parents and kinds of that
 * day) with that day's member counts, under a banner that says which day's tree is shown.
 */
export function TreeAsOfView({ asOf, selectedId, onSelect, onToday }: Props) {
  const { r } = useReorgT();
  const { label } = useLocale();
  const tree = useQuery({ queryKey: reorgKeys.tree(asOf, null), queryFn: () => fetchTreeAsOf(asOf) });
  const roots = useMemo(() => nestTreeAsOf(tree.data?.orgs ?? []), [tree.data]);
  const treeData = useMemo(() => {
    const toNode = (n: AsOfNode): TreeDataNode => ({
      key: n.org.id,
      isLeaf: n.children.length === 0,
      children: n.children.map(toNode),
      title: (
        <span className="org-node" title={label(orgKindLabels[n.org.kind as OrgKind] ?? { vi: n.org.kind, en: n.org.kind })}>
          <span>{n.org.name}</span>
          <span className="org-node-count">
            <TeamOutlined /> {formatVnNumber(n.org.subtreeMembers)}
          </span>
        </span>
      ),
    });
    return roots.map(toNode);
  }, [roots, label]);

  const banner = (
    <Alert
      type="warning"
      showIcon
      data-testid="tree-as-of-banner"
      style={{ marginBottom: 12 }}
      title={r('asOfBanner', { d: formatDate(asOf) })}
      description={
        <>
          {tree.data && (
            <div>{r('asOfDetail', { orgs: formatVnNumber(tree.data.orgs.length), members: formatVnNumber(totalMembers(roots)) })}</div>
          )}
          <Button size="small" onClick={onToday} data-testid="tree-as-of-today" style={{ marginTop: 8 }}>
            {r('backToToday')}
          </Button>
        </>
      }
    />
  );
  if (tree.isPending)
    return (
      <>
        {banner}
        <Loading />
      </>
    );
  if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
  return (
    <>
      {banner}
      {treeData.length === 0 ? (
        <EmptyState text={r('asOfEmpty')} />
      ) : (
        <Tree
          key={asOf}
          blockNode
          showLine
          height={640}
          treeData={treeData}
          defaultExpandedKeys={expandedFor(tree.data.orgs, roots, selectedId)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(Number(key));
          }}
          data-testid="org-tree-as-of"
        />
      )}
    </>
  );
}
