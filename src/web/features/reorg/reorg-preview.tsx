import { useState } from 'react';
import { Alert, Card, Collapse, List, Select, Table, Tag, Typography } from 'antd';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useLocale } from '../../app/locale';
import { orgKindLabels, type OrgKind } from '../../../domain/orgs/org-kinds';
import { reorgKindLabels } from '../../../domain/reorg';
import { roleLabels, type Role as RoleName } from '../../../domain/access/permissions';
import { OrgPicker } from '../orgs/org-picker';
import type { ReorgPreview } from './reorg.api';
import { useReorgT } from './reorg.i18n';
import { newPartId } from './reorg-request';

type Cell = ReorgPreview['cells'][number];
type Role = ReorgPreview['roles'][number];
type Props = {
  preview: ReorgPreview;
  /** The name of the org a merge founds (id 0 in mappings), if any. */
  newOrgName: string | null;
  /** The names of the new parts a split founds (ids -1, -2, … in mappings). */
  newPartNames: string[];
  onCell: (fromOrgId: number, toOrgId: number) => void;
  onRole: (userRoleId: number, toOrgId: number | null) => void;
  isBusy: boolean;
};

// Choices that are not orgs, below every new part's id (-1, -2, …).
const OTHER = Number.MIN_SAFE_INTEGER;
const ROLE_END = Number.MIN_SAFE_INTEGER + 1;

/**
 * Everything an operation would touch, before anything is written: where each child org and
 * each source's own members go (adjustable row by row), users' roles (kept or ended), open tasks,
 * report obligations, bridge points, explanation requests and documents.
 */
export function ReorgPreviewPanel({ preview, newOrgName, newPartNames, onCell, onRole, isBusy }: Props) {
  const { r } = useReorgT();
  const { label } = useLocale();
  // Rows whose user chose "another organization…": they show an org picker instead.
  const [picking, setPicking] = useState<Set<number>>(new Set());

  const successors = [
    ...(newOrgName ? [{ value: 0, label: r('newOrgOption', { name: newOrgName }) }] : []),
    ...newPartNames.map((name, i) => ({ value: newPartId(i), label: r('newOrgOption', { name }) })),
    ...preview.targets.map((t) => ({ value: t.id, label: t.name })),
  ];
  const optionsFor = (c: Cell) => {
    // A source's own members go to a cell; a child org goes under an org that is not a cell.
    const others = preview.cells
      .filter((o) => !o.isDirectMembers && o.orgId !== c.orgId && (c.isDirectMembers ? o.kind === 'cell' : o.kind !== 'cell'))
      .map((o) => ({ value: o.orgId, label: o.name }));
    const known = [...successors, ...others];
    const extra = c.toOrgId !== null && !known.some((k) => k.value === c.toOrgId) ? [{ value: c.toOrgId, label: c.toOrgName ?? '' }] : [];
    return [...known, ...extra, { value: OTHER, label: r('otherOrg') }];
  };
  const sourceName = (id: number) => preview.sources.find((s) => s.id === id)?.name ?? '';

  const cellColumns = [
    {
      title: r('colOrg'),
      key: 'org',
      width: 220,
      render: (_: unknown, c: Cell) => (
        <div>
          <div>{c.isDirectMembers ? `${r('direct')} — ${c.name}` : c.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(orgKindLabels[c.kind as OrgKind] ?? { vi: c.kind, en: c.kind })} · {r('colFrom')}: {sourceName(c.fromOrgId)}
          </Typography.Text>
        </div>
      ),
    },
    { title: r('colMembers'), key: 'members', align: 'right' as const, render: (_: unknown, c: Cell) => formatVnNumber(c.members) },
    {
      title: r('colTo'),
      key: 'to',
      width: 280,
      render: (_: unknown, c: Cell) =>
        picking.has(c.orgId) ? (
          <OrgPicker
            testId={`cell-to-${c.orgId}`}
            aria-label={`${r('colTo')}: ${c.name}`}
            value={c.toOrgId === 0 ? null : c.toOrgId}
            onChange={(id) => {
              if (id !== undefined) onCell(c.orgId, id);
            }}
          />
        ) : (
          <Select<number>
            data-testid={`cell-to-${c.orgId}`}
            aria-label={`${r('colTo')}: ${c.name}`}
            style={{ width: '100%' }}
            disabled={isBusy}
            status={c.toOrgId === null ? 'error' : undefined}
            placeholder={r('notPlaced')}
            value={c.toOrgId ?? undefined}
            options={optionsFor(c)}
            popupMatchSelectWidth={false}
            onChange={(v) => {
              if (v === OTHER) setPicking((prev) => new Set(prev).add(c.orgId));
              else onCell(c.orgId, v);
            }}
          />
        ),
    },
  ];
  const roleColumns = [
    {
      title: r('pvRoles'),
      key: 'user',
      width: 220,
      render: (_: unknown, x: Role) => (
        <div>
          <div>
            {x.fullName} <Typography.Text type="secondary">({x.username})</Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {roleLabels[x.role as RoleName] ? label(roleLabels[x.role as RoleName]) : x.role} · {x.orgName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: r('roleKeep'),
      key: 'to',
      width: 280,
      render: (_: unknown, x: Role) => (
        <Select<number>
          data-testid={`role-to-${x.userRoleId}`}
          aria-label={`${r('roleKeep')}: ${x.fullName}`}
          style={{ width: '100%' }}
          disabled={isBusy}
          value={x.toOrgId ?? ROLE_END}
          popupMatchSelectWidth={false}
          options={[{ value: ROLE_END, label: r('roleEnd') }, ...successors]}
          onChange={(v) => onRole(x.userRoleId, v === ROLE_END ? null : v)}
        />
      ),
    },
  ];

  const count = (n: number) => <Tag bordered={false}>{formatVnNumber(n)}</Tag>;
  const simpleList = <T,>(items: T[], render: (x: T) => React.ReactNode, testId: string) =>
    items.length === 0 ? (
      <Typography.Text type="secondary">{r('none')}</Typography.Text>
    ) : (
      <List<T> size="small" dataSource={items} renderItem={(x) => <List.Item>{render(x)}</List.Item>} data-testid={testId} />
    );

  return (
    <Card
      data-testid="reorg-preview"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {r('pvTitle')} <Tag color="red">{label(reorgKindLabels[preview.kind])}</Tag>
        </span>
      }
    >
      <Typography.Paragraph>
        {r('effective', { d: formatDate(preview.effectiveDate) })} · {preview.decision}
      </Typography.Paragraph>
      {preview.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="reorg-problems"
          title={r('problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.problems.map((p, i) => (
                <li key={i}>{label(p)}</li>
              ))}
            </ul>
          }
        />
      )}
      {preview.cells.length > 0 && (
        <>
          <Typography.Title level={5}>
            {r('pvCells')} <Tag color="blue">{r('pvMembers', { n: formatVnNumber(preview.membersMoving) })}</Tag>
          </Typography.Title>
          <Typography.Paragraph type="secondary">{r('pvCellsHint')}</Typography.Paragraph>
          <Table<Cell>
            size="small"
            rowKey={(c) => `${c.isDirectMembers ? 'd' : 'c'}${c.orgId}`}
            columns={cellColumns}
            dataSource={preview.cells}
            pagination={preview.cells.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 560 }}
            data-testid="reorg-cells"
          />
        </>
      )}
      <Collapse
        style={{ marginTop: 16 }}
        defaultActiveKey={['roles']}
        items={[
          {
            key: 'roles',
            label: (
              <span>
                {r('pvRoles')} {count(preview.roles.length)}
              </span>
            ),
            children:
              preview.roles.length === 0 ? (
                <Typography.Text type="secondary">{r('none')}</Typography.Text>
              ) : (
                <Table<Role>
                  size="small"
                  rowKey="userRoleId"
                  columns={roleColumns}
                  dataSource={preview.roles}
                  pagination={false}
                  scroll={{ x: 520 }}
                  data-testid="reorg-roles"
                />
              ),
          },
          {
            key: 'tasks',
            label: (
              <span>
                {r('pvTasks')} {count(preview.tasks.length)}
              </span>
            ),
            children: simpleList(
              preview.tasks,
              (t) => (
                <span>
                  {t.title}{' '}
                  <Typography.Text type="secondary">
                    ({r(t.change === 'lead' ? 'taskLead' : 'taskPartner')}: {t.fromOrgName} → {t.toOrgName})
                  </Typography.Text>
                </span>
              ),
              'reorg-tasks',
            ),
          },
          {
            key: 'reports',
            label: (
              <span>
                {r('pvReports')} {count(preview.reports.open)}
              </span>
            ),
            children: <Typography.Text>{r('pvReportsValue', { n: formatVnNumber(preview.reports.moving) })}</Typography.Text>,
          },
          {
            key: 'points',
            label: (
              <span>
                {r('pvPoints')} {count(preview.bridgePoints.length)}
              </span>
            ),
            children: simpleList(
              preview.bridgePoints,
              (p) => (
                <span>
                  {p.name} <Typography.Text type="secondary">— {p.sessionTitle}</Typography.Text>
                </span>
              ),
              'reorg-points',
            ),
          },
          {
            key: 'explanations',
            label: (
              <span>
                {r('pvExplanations')} {count(preview.explanations.length)}
              </span>
            ),
            children: simpleList(
              preview.explanations,
              (e) => (
                <span>
                  {e.question} <Typography.Text type="secondary">— {e.orgName}</Typography.Text>
                </span>
              ),
              'reorg-explanations',
            ),
          },
          {
            key: 'documents',
            label: (
              <span>
                {r('pvDocuments')} {count(preview.documents.length)}
              </span>
            ),
            children: (
              <>
                <Typography.Paragraph type="secondary">{r('pvDocumentsHint')}</Typography.Paragraph>
                {simpleList(
                  preview.documents,
                  (d) => (
                    <span>
                      <strong>{d.symbol}</strong> {d.title} <Typography.Text type="secondary">— {d.orgName}</Typography.Text>
                    </span>
                  ),
                  'reorg-documents',
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
