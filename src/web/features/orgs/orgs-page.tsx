import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Card, DatePicker, Input, List, Tag, Tree, Typography, type TreeDataNode, type TreeProps } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { DATE_FORMAT, formatVnNumber, fromIsoDate, toIsoDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { orgKindLabels } from '../../../domain/orgs/org-kinds';
import { foldVietnamese } from '../../../domain/vn-text';
import { TreeAsOfView } from '../reorg/tree-as-of-view';
import { useReorgT } from '../reorg/reorg.i18n';
import { OrgDetailPanel, type OrgChange } from './org-detail-panel';
import { fetchOrg, fetchOrgChildren, moveOrg, orgKeys, searchOrgs, type OrgSummary } from './orgs.api';
import { buildTree, dropParentId, isSelfOrDescendant, withChildren, type BuiltNode, type ChildrenMap } from './tree-helpers';

type OrgNode = TreeDataNode & { org: OrgSummary };

export function OrgsPage({ selectedId }: { selectedId?: number }) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();

  const [children, setChildren] = useState<ChildrenMap<OrgSummary>>(new Map());
  const [expanded, setExpanded] = useState<number[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const { r } = useReorgT();
  // "Cơ cấu tổ chức tại ngày …": null shows today's live tree (editable, drag to move).
  const [asOf, setAsOf] = useState<string | null>(null);

  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => fetchOrgChildren(null) });
  useEffect(() => {
    if (roots.data) setChildren((prev) => withChildren(prev, 'root', roots.data));
  }, [roots.data]);

  const hits = useQuery({ queryKey: orgKeys.search(q), queryFn: () => searchOrgs(q, 30), enabled: q.length >= 2 });

  const select = useCallback((id: number | undefined) => void navigate({ to: '/orgs', search: id ? { orgId: id } : {} }), [navigate]);

  /** Loads (again) the children of one parent into the tree. */
  const loadChildren = useCallback(
    async (parentId: number | null, fresh = false) => {
      const kids = await qc.fetchQuery({
        queryKey: orgKeys.children(parentId),
        queryFn: () => fetchOrgChildren(parentId),
        staleTime: fresh ? 0 : 30_000,
      });
      setChildren((prev) => withChildren(prev, parentId ?? 'root', kids));
      return kids;
    },
    [qc],
  );

  // A scope of one or a few roots: open them, so the first screen already shows the next level.
  const openedRoots = useRef(false);
  useEffect(() => {
    if (!roots.data || openedRoots.current || roots.data.length > 3) return;
    openedRoots.current = true;
    const withKids = roots.data.filter((o) => o.childCount > 0);
    void Promise.all(withKids.map((o) => loadChildren(o.id).catch(() => []))).then(() =>
      setExpanded((prev) => [...new Set([...prev, ...withKids.map((o) => o.id)])]),
    );
  }, [roots.data, loadChildren]);

  // Reveal an org: open every ancestor that the tree holds, loading levels on the way.
  const reveal = useCallback(
    async (id: number) => {
      try {
        const detail = await qc.fetchQuery({ queryKey: orgKeys.detail(id), queryFn: () => fetchOrg(id) });
        const opened: number[] = [];
        let known = new Set((await loadChildren(null)).map((o) => o.id));
        for (const a of detail.ancestors) {
          if (!known.has(a.id)) continue;
          const kids = await loadChildren(a.id);
          opened.push(a.id);
          known = new Set([...known, ...kids.map((k) => k.id)]);
        }
        setExpanded((prev) => [...new Set([...prev, ...opened])]);
        requestAnimationFrame(() =>
          document.querySelector('.org-tree-card .ant-tree-treenode-selected')?.scrollIntoView({ block: 'nearest' }),
        );
      } catch {
        // The detail panel shows why the org could not be loaded.
      }
    },
    [qc, loadChildren],
  );
  const revealed = useRef<number | null>(null);
  useEffect(() => {
    if (!selectedId || revealed.current === selectedId) return;
    revealed.current = selectedId;
    void reveal(selectedId);
  }, [selectedId, reveal]);

  /**
   * After a change: reload every level the tree shows (member counts of all ancestors move with
   * it), drop cached details and searches, and follow the org that changed.
   */
  const onChanged = async (change: OrgChange) => {
    const levels = [...children.keys()].map((k) => (k === 'root' ? null : k));
    const reloadAll = () =>
      Promise.all(
        levels.map((parentId) =>
          loadChildren(parentId, true).catch(() => {
            // A level that can no longer be read (deleted, moved out of scope) is dropped.
            if (parentId !== null)
              setChildren((prev) => {
                const next = new Map(prev);
                next.delete(parentId);
                return next;
              });
          }),
        ),
      );
    void qc.invalidateQueries({ queryKey: ['orgs', 'search'] });
    void qc.invalidateQueries({ queryKey: ['orgs', 'detail'] });
    switch (change.kind) {
      case 'created':
        if (change.org.parentId !== null && !levels.includes(change.org.parentId)) await loadChildren(change.org.parentId, true);
        await reloadAll();
        if (change.org.parentId) setExpanded((prev) => [...new Set([...prev, change.org.parentId!])]);
        select(change.org.id);
        break;
      case 'updated':
      case 'conflict':
        await reloadAll();
        break;
      case 'moved':
        await reloadAll();
        qc.setQueryData(orgKeys.detail(change.org.id), change.org);
        await reveal(change.org.id);
        break;
      case 'deleted':
        qc.removeQueries({ queryKey: orgKeys.detail(change.id) });
        await reloadAll();
        select(change.parentId ?? undefined);
        break;
    }
  };

  const onDrop: TreeProps<OrgNode>['onDrop'] = (info) => {
    const dragged = info.dragNode.org;
    const target = info.node.org;
    const newParentId = dropParentId(target, info.dropToGap);
    if (newParentId === null || newParentId === dragged.parentId) return;
    const newParent = newParentId === target.id ? target : [...children.values()].flat().find((o) => o.id === newParentId);
    if (newParent && isSelfOrDescendant(dragged.path, newParent.path)) return;
    modal.confirm({
      title: t('orgs.moveConfirm', { name: dragged.name, parent: newParent?.name ?? '' }),
      okText: t('orgs.move'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const moved = await moveOrg(dragged.id, dragged.version, newParentId);
          void message.success(t('orgs.moved'));
          revealed.current = moved.id;
          select(moved.id);
          await onChanged({ kind: 'moved', org: moved, oldParentId: dragged.parentId });
        } catch (e) {
          onError(e, { onConflict: () => void onChanged({ kind: 'conflict', id: dragged.id, parentId: dragged.parentId }) });
        }
      },
    });
  };

  const treeData = useMemo(() => {
    const toNode = (n: BuiltNode<OrgSummary>): OrgNode => ({
      key: n.key,
      org: n.item,
      isLeaf: n.isLeaf,
      children: n.children?.map(toNode),
      title: (
        <span className={n.item.isClosed ? 'org-node closed' : 'org-node'} title={label(orgKindLabels[n.item.kind])}>
          <span>{n.item.name}</span>
          <span className="org-node-count" title={t('orgs.subtreeMembers')}>
            <TeamOutlined /> {formatVnNumber(n.item.subtreeMemberCount)}
          </span>
        </span>
      ),
    });
    return buildTree(children).map(toNode);
  }, [children, label, t]);

  const loadedKeys = useMemo(() => [...children.keys()].filter((k): k is number => k !== 'root'), [children]);
  const isSearching = q.length >= 2;

  return (
    <div>
      <Typography.Title level={1} className="page-title">
        {t('orgs.title')}
      </Typography.Title>
      <div className="orgs-layout">
        <Card className="org-tree-card" size="small">
          <Input.Search
            allowClear
            placeholder={t('orgs.searchPlaceholder')}
            aria-label={t('orgs.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setSearch(v)}
            style={{ marginBottom: 12 }}
            data-testid="org-search"
          />
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
            <label htmlFor="org-tree-as-of">{r('asOfLabel')}</label>
            <DatePicker
              id="org-tree-as-of"
              format={DATE_FORMAT}
              placeholder={r('asOfPlaceholder')}
              value={fromIsoDate(asOf)}
              onChange={(d) => setAsOf(toIsoDate(d))}
              data-testid="org-tree-date"
            />
          </div>
          {isSearching ? (
            hits.isPending ? (
              <Loading />
            ) : hits.isError ? (
              <ErrorState error={hits.error} onRetry={() => void hits.refetch()} />
            ) : hits.data.length === 0 ? (
              <EmptyState text={t('common.noResults')} />
            ) : (
              <List<OrgSummary & { pathNames: string[] }>
                size="small"
                header={<Typography.Text type="secondary">{t('orgs.searchHits')}</Typography.Text>}
                dataSource={hits.data}
                data-testid="org-search-hits"
                renderItem={(h) => (
                  <List.Item
                    className="search-hit"
                    tabIndex={0}
                    role="button"
                    aria-label={h.name}
                    onClick={() => {
                      setSearch('');
                      select(h.id);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setSearch('');
                        select(h.id);
                      }
                    }}
                  >
                    <div>
                      <div>
                        <Typography.Text strong>{h.name}</Typography.Text> <Tag bordered={false}>{label(orgKindLabels[h.kind])}</Tag>
                      </div>
                      {h.pathNames.length > 0 && <div className="search-hit-path">{h.pathNames.join(' › ')}</div>}
                      {/* Found by a name it had before (the server searches every name an org ever had). */}
                      {!foldVietnamese(h.name).includes(foldVietnamese(q)) && h.code.toUpperCase() !== q.toUpperCase() && (
                        <Tag color="gold" bordered={false} data-testid="former-name-hit">
                          {r('formerName')}
                        </Tag>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            )
          ) : asOf !== null ? (
            <TreeAsOfView asOf={asOf} selectedId={selectedId} onSelect={select} onToday={() => setAsOf(null)} />
          ) : roots.isPending ? (
            <Loading />
          ) : roots.isError ? (
            <ErrorState error={roots.error} onRetry={() => void roots.refetch()} />
          ) : roots.data.length === 0 ? (
            <EmptyState text={t('orgs.emptyTree')} />
          ) : (
            <>
              <Tree<OrgNode>
                blockNode
                showLine
                treeData={treeData}
                loadedKeys={loadedKeys}
                loadData={async (node) => {
                  await loadChildren(node.org.id);
                }}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(Number))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  const key = keys[0];
                  if (key !== undefined) select(Number(key));
                }}
                draggable={{
                  icon: false,
                  nodeDraggable: (n) => (n as OrgNode).org.abilities.update && (n as OrgNode).org.parentId !== null,
                }}
                onDrop={onDrop}
                data-testid="org-tree"
              />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
                {t('orgs.dragHint')}
              </Typography.Paragraph>
            </>
          )}
        </Card>
        <div>
          {selectedId ? (
            <OrgDetailPanel key={selectedId} id={selectedId} onSelect={select} onChanged={(c) => void onChanged(c)} />
          ) : (
            <Card>
              <EmptyState text={t('orgs.selectHint')} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
