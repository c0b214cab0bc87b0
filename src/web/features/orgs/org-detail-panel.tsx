import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { committeeRoleLabels, committeeRoles, orgKindLabels, positionLabels } from '../../../domain/orgs/org-kinds';
import { displayTerm, sortByPosition } from './committee-form';
import { CommitteeFormModal } from './committee-form-modal';
import { CloseOrgModal, MoveOrgModal, OrgFormModal } from './org-dialogs';
import { LineagePanel } from '../reorg/lineage-panel';
import { dayBefore } from '../../../domain/reorg/versions';
import { TermsPanel } from '../terms/terms-panel';
import { deleteOrg, fetchOrg, orgKeys, type Committee, type OrgDetail } from './orgs.api';
import { GradingHistoryLink } from '../grading/history-link';
import { OversightTimelineLink } from '../oversight/timeline-link';

type Dialog = 'create' | 'edit' | 'move' | 'close' | { committee: Committee | null } | null;

export type OrgChange =
  | { kind: 'created'; org: OrgDetail }
  | { kind: 'updated'; org: OrgDetail }
  | { kind: 'moved'; org: OrgDetail; oldParentId: number | null }
  | { kind: 'deleted'; id: number; parentId: number | null }
  | { kind: 'conflict'; id: number; parentId: number | null };

type Props = { id: number; onSelect: (id: number) => void; onChanged: (change: OrgChange) => void };

export function OrgDetailPanel({ id, onSelect, onChanged }: Props) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [isDeleting, setDeleting] = useState(false);
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: orgKeys.detail(id), queryFn: () => fetchOrg(id) });

  if (detail.isPending)
    return (
      <Card>
        <Loading />
      </Card>
    );
  if (detail.isError)
    return (
      <Card>
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </Card>
    );
  const org = detail.data;
  const conflict = () => {
    void detail.refetch();
    onChanged({ kind: 'conflict', id: org.id, parentId: org.parentId });
  };

  const onDelete = async () => {
    setDeleting(true);
    try {
      await deleteOrg(org.id, org.version);
      void message.success(t('orgs.deleted'));
      onChanged({ kind: 'deleted', id: org.id, parentId: org.parentId });
    } catch (e) {
      onError(e, { onConflict: conflict });
      void detail.refetch();
    } finally {
      setDeleting(false);
    }
  };

  const canManage = org.abilities.update || org.abilities.delete;
  const isDeleteBlocked = org.deleteBlockedReason !== null;
  // validTo is the first day the org no longer exists; a person reads the last day it did.
  const validity = org.validTo
    ? t('orgs.validRangeTo', { from: formatDate(org.validFrom), to: formatDate(dayBefore(org.validTo)) })
    : t('orgs.validRange', { from: formatDate(org.validFrom) });

  return (
    <Card
      data-testid="org-detail"
      title={
        <Space orientation="vertical" size={2} style={{ whiteSpace: 'normal', padding: '12px 0' }}>
          {org.ancestors.length > 0 && (
            <Breadcrumb
              items={org.ancestors.map((a) => ({
                title: (
                  <a
                    href={`?orgId=${a.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(a.id);
                    }}
                  >
                    {a.name}
                  </a>
                ),
              }))}
            />
          )}
          <Typography.Title level={4} style={{ margin: 0 }}>
            {org.name}
          </Typography.Title>
          <Space size={4} wrap>
            <Tag color="red">{label(orgKindLabels[org.kind])}</Tag>
            {org.isClosed && <Tag>{t('orgs.closed')}</Tag>}
            {org.isNonStateEnterprise && <Tag color="blue">{t('orgs.nonState')}</Tag>}
            {org.isSample && <Tag color="gold">{t('common.sample')}</Tag>}
          </Space>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {org.abilities.createChild && !org.isClosed && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
            {t('orgs.createChild')}
          </Button>
        )}
        {org.abilities.update && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('common.edit')}
          </Button>
        )}
        {org.abilities.update && org.parentId !== null && (
          <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
            {t('orgs.move')}
          </Button>
        )}
        {org.abilities.update && !org.isClosed && (
          <Button icon={<StopOutlined />} onClick={() => setDialog('close')}>
            {t('orgs.close')}
          </Button>
        )}
        {canManage &&
          (isDeleteBlocked || !org.abilities.delete ? (
            <Tooltip title={org.deleteBlockedReason ?? undefined}>
              <Button danger icon={<DeleteOutlined />} disabled>
                {t('orgs.delete')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('orgs.deleteConfirm', { name: org.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, loading: isDeleting }}
              onConfirm={onDelete}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('orgs.delete')}
              </Button>
            </Popconfirm>
          ))}
        <Link to="/members" search={{ orgId: org.id }}>
          <Button icon={<TeamOutlined />}>{t('orgs.viewMembers')}</Button>
        </Link>
        <GradingHistoryLink orgId={org.id} />
        <OversightTimelineLink orgId={org.id} />
      </Space>
      {canManage && isDeleteBlocked && (
        <Alert
          type="info"
          showIcon
          title={t('orgs.deleteBlocked')}
          description={org.deleteBlockedReason}
          style={{ marginBottom: 16 }}
          data-testid="delete-blocked"
        />
      )}

      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { width: 190 }, content: { minWidth: 140 } }}>
        <Descriptions.Item label={t('orgs.code')}>{org.code}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.kind')}>{label(orgKindLabels[org.kind])}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.head')} span={2}>
          {org.headName ? (
            <>
              {org.headName}
              {org.headTitle && <Typography.Text type="secondary"> — {org.headTitle}</Typography.Text>}
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('orgs.ownMembers')}>{formatVnNumber(org.memberCount)}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.subtreeMembers')}>{formatVnNumber(org.subtreeMemberCount)}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.childCount')}>{formatVnNumber(org.childCount)}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.validity')}>{validity}</Descriptions.Item>
      </Descriptions>

      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 24, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('orgs.committees')}
        </Typography.Title>
        {org.abilities.update && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ committee: null })}>
            {t('orgs.addCommittee')}
          </Button>
        )}
      </div>
      {org.committees.length === 0 ? (
        <EmptyState text={t('orgs.noCommittees')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {[...org.committees]
            .sort((a, b) => committeeRoles.indexOf(a.role) - committeeRoles.indexOf(b.role) || b.term.localeCompare(a.term))
            .map((c) => (
              <CommitteeCard key={c.id} committee={c} onEdit={org.abilities.update ? () => setDialog({ committee: c }) : undefined} />
            ))}
        </Space>
      )}

      <TermsPanel orgId={org.id} orgName={org.name} canOpen={org.abilities.update && !org.isClosed} />
      <LineagePanel orgId={org.id} onSelect={onSelect} />

      {dialog === 'create' && (
        <OrgFormModal
          mode="create"
          parent={org}
          open
          onClose={() => setDialog(null)}
          onConflict={conflict}
          onSaved={(created) => {
            setDialog(null);
            onChanged({ kind: 'created', org: created });
          }}
        />
      )}
      {dialog === 'edit' && (
        <OrgFormModal
          mode="edit"
          org={org}
          open
          onClose={() => setDialog(null)}
          onConflict={conflict}
          onSaved={(saved) => {
            setDialog(null);
            onChanged({ kind: 'updated', org: saved });
          }}
        />
      )}
      {dialog === 'move' && (
        <MoveOrgModal
          org={org}
          open
          onClose={() => setDialog(null)}
          onConflict={conflict}
          onMoved={(oldParentId, moved) => {
            setDialog(null);
            onChanged({ kind: 'moved', org: moved, oldParentId });
          }}
        />
      )}
      {typeof dialog === 'object' && dialog !== null && (
        <CommitteeFormModal
          org={org}
          committee={dialog.committee}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            qc.setQueryData(orgKeys.detail(saved.id), saved);
          }}
        />
      )}
      {dialog === 'close' && (
        <CloseOrgModal
          org={org}
          open
          onClose={() => setDialog(null)}
          onConflict={conflict}
          onClosed={(closed) => {
            setDialog(null);
            onChanged({ kind: 'updated', org: closed });
          }}
        />
      )}
    </Card>
  );
}

function CommitteeCard({ committee, onEdit }: { committee: Committee; onEdit?: () => void }) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const people = sortByPosition(committee.people);
  const roleLabel = label(committeeRoleLabels[committee.role]);
  return (
    <Card
      type="inner"
      size="small"
      data-testid={`committee-${committee.role}-${committee.term}`}
      title={
        <span>
          {roleLabel} <Typography.Text type="secondary">— {t('orgs.term', { term: displayTerm(committee.term) })}</Typography.Text>
        </span>
      }
      extra={
        <Space size={8}>
          <Tag>{t('orgs.committeeSize', { size: formatVnNumber(committee.size) })}</Tag>
          {onEdit && (
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('orgs.committeeEditTitle', { role: roleLabel, term: displayTerm(committee.term) })}
              onClick={onEdit}
            >
              {t('common.edit')}
            </Button>
          )}
        </Space>
      }
    >
      {people.length === 0 ? (
        <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
      ) : (
        <>
          <ul className="committee-people">
            {people.map((p, i) => (
              <li key={`${p.fullName}-${i}`}>
                <Typography.Text strong={p.position !== 'member'}>{p.fullName}</Typography.Text>
                <Typography.Text type="secondary">
                  {' — '}
                  {label(positionLabels[p.position])}
                  {p.title ? `, ${p.title}` : ''}
                </Typography.Text>
                {p.isSample && (
                  <span className="sample-mark" title={t('common.sample')}>
                    *
                  </span>
                )}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {people.length < committee.size && t('orgs.peopleListed', { count: people.length })}
            {people.length < committee.size && people.some((p) => p.isSample) && ' · '}
            {people.some((p) => p.isSample) && <span className="sample-mark">*</span>}
            {people.some((p) => p.isSample) && ` ${t('orgs.sampleNote')}`}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
