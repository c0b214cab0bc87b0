import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../lib/use-debounced';
import { fetchOrg, fetchOrgChildren, orgKeys, searchOrgs, type OrgSummary } from './orgs.api';

type Props = {
  value?: number | null;
  onChange?: (id: number | undefined, org?: OrgSummary) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  /** Orgs that may not be chosen (shown greyed), e.g. the org being moved and its subtree. */
  isDisabled?: (org: OrgSummary) => boolean;
  'aria-label'?: string;
  testId?: string;
  autoFocus?: boolean;
};

type Node = { id: number; pId: number; value: number; title: React.ReactNode; label: string; isLeaf: boolean; disabled?: boolean };

/**
 * Chooses an org in the caller's scope: browse the tree level by level, or type to search on
 * the server (accents optional), where each hit shows the path above it.
 */
export function OrgPicker(props: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [orgs, setOrgs] = useState<Map<number, { org: OrgSummary; pId: number }>>(new Map());
  const [loadedKeys, setLoadedKeys] = useState<number[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const isSearching = q.length >= 2;

  const roots = useQuery({ queryKey: orgKeys.children(null), queryFn: () => fetchOrgChildren(null) });
  useEffect(() => {
    if (!roots.data) return;
    setOrgs((prev) => {
      const next = new Map(prev);
      for (const o of roots.data) next.set(o.id, { org: o, pId: 0 });
      return next;
    });
  }, [roots.data]);

  const hits = useQuery({ queryKey: orgKeys.search(q), queryFn: () => searchOrgs(q, 30), enabled: isSearching });

  // A value set from outside (a link, an edited record) needs its name for the closed picker.
  const value = props.value ?? undefined;
  const [labels, setLabels] = useState<Map<number, string>>(new Map());
  const knownLabel = value === undefined ? undefined : (orgs.get(value)?.org.name ?? labels.get(value));
  const valueOrg = useQuery({
    queryKey: orgKeys.detail(value ?? 0),
    queryFn: () => fetchOrg(value!),
    enabled: value !== undefined && knownLabel === undefined,
  });
  const label = knownLabel ?? valueOrg.data?.name ?? (value === undefined ? undefined : '…');

  const disabledOf = (o: OrgSummary) => props.isDisabled?.(o) ?? false;
  const nodeTitle = (o: OrgSummary) => (
    <span className={o.isClosed ? 'org-node closed' : 'org-node'}>
      {o.name} <span className="org-node-count">{o.code}</span>
    </span>
  );

  const treeData: Node[] = useMemo(() => {
    if (isSearching) {
      return (hits.data ?? []).map((h) => ({
        id: h.id,
        pId: 0,
        value: h.id,
        label: h.name,
        isLeaf: true,
        disabled: disabledOf(h),
        title: (
          <div>
            <div>{nodeTitle(h)}</div>
            {h.pathNames.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.pathNames.join(' › ')}
              </Typography.Text>
            )}
          </div>
        ),
      }));
    }
    return [...orgs.values()].map(({ org, pId }) => ({
      id: org.id,
      pId,
      value: org.id,
      label: org.name,
      title: nodeTitle(org),
      isLeaf: org.childCount === 0,
      disabled: disabledOf(org),
    }));
  }, [isSearching, hits.data, orgs, props.isDisabled]);

  const loadData = async (node: { value?: unknown }) => {
    const id = Number(node.value);
    const kids = await qc.fetchQuery({ queryKey: orgKeys.children(id), queryFn: () => fetchOrgChildren(id) });
    setOrgs((prev) => {
      const next = new Map(prev);
      for (const o of kids) next.set(o.id, { org: o, pId: id });
      return next;
    });
    setLoadedKeys((prev) => [...prev, id]);
  };

  const findOrg = (id: number): OrgSummary | undefined => orgs.get(id)?.org ?? hits.data?.find((h) => h.id === id);

  return (
    <TreeSelect<{ value: number; label: React.ReactNode } | undefined>
      id={props.id}
      autoFocus={props.autoFocus}
      data-testid={props.testId}
      aria-label={props['aria-label']}
      style={props.style ?? { width: '100%' }}
      disabled={props.disabled}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('common.pickOrg')}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={treeData}
      treeNodeLabelProp="label"
      labelInValue
      value={value === undefined ? undefined : { value, label }}
      onChange={(v) => {
        const id = v?.value;
        if (id !== undefined) {
          const o = findOrg(id);
          if (o) setLabels((prev) => new Map(prev).set(id, o.name));
          props.onChange?.(id, o);
        } else props.onChange?.(undefined);
        setSearch('');
      }}
      loadData={isSearching ? undefined : loadData}
      treeLoadedKeys={loadedKeys}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      notFoundContent={isSearching && hits.isFetching ? t('common.loading') : isSearching ? t('common.noResults') : t('common.empty')}
      loading={roots.isPending || (isSearching && hits.isFetching)}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 360 } } }}
    />
  );
}
