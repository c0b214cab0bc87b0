import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { DownloadOutlined, EditOutlined, FileExcelOutlined, PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal';
import { ErrorState } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { ImportModal } from './import-modal';
import { MemberDrawer } from './member-drawer';
import {
  exportMembersUrl,
  fetchMembers,
  importTemplateUrl,
  memberKeys,
  memberStatuses,
  statusColor,
  statusLabelKey,
  transferMember,
  type Member,
  type MemberListParams,
  type MemberSort,
  type MemberStatus,
} from './members.api';

const sortOfColumn: Record<string, MemberSort> = { fullName: 'givenName', code: 'code', birthDate: 'birthDate', joinedDate: 'joinedDate' };

export function MembersPage({ initialOrgId }: { initialOrgId?: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canWrite = useCan('members.write');
  const [params, setParams] = useState<MemberListParams>({
    orgId: initialOrgId,
    sort: 'givenName',
    order: 'asc',
    page: 1,
    pageSize: 20,
  });
  const [searchText, setSearchText] = useState('');
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [transferring, setTransferring] = useState<Member | null>(null);
  const [isImporting, setImporting] = useState(false);

  const list = useQuery({ queryKey: memberKeys.list(params), queryFn: () => fetchMembers(params), placeholderData: keepPreviousData });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: memberKeys.all });
    void qc.invalidateQueries({ queryKey: ['orgs'] });
  };
  const setFilter = (patch: Partial<MemberListParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));

  const sortOrder = (col: string) => (sortOfColumn[col] === params.sort ? (params.order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableProps<Member>['columns'] = [
    {
      title: t('members.fullName'),
      dataIndex: 'fullName',
      key: 'fullName',
      sorter: true,
      sortOrder: sortOrder('fullName'),
      width: 240,
      fixed: 'left',
      render: (name: string, m) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          {m.isSample && (
            <Tag color="gold" bordered={false} style={{ marginLeft: 6, fontSize: 11 }}>
              {t('common.sample')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('members.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: sortOrder('code'), width: 130 },
    { title: t('members.gender'), dataIndex: 'gender', key: 'gender', width: 80, render: (g: Member['gender']) => t(`members.${g}`) },
    {
      title: t('members.birthDate'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      sorter: true,
      sortOrder: sortOrder('birthDate'),
      width: 120,
      render: formatDate,
    },
    {
      title: t('members.joinedDate'),
      dataIndex: 'joinedDate',
      key: 'joinedDate',
      sorter: true,
      sortOrder: sortOrder('joinedDate'),
      width: 130,
      render: formatDate,
    },
    {
      title: t('members.status'),
      dataIndex: 'status',
      key: 'status',
      width: 130,
      render: (s: MemberStatus) => <Tag color={statusColor[s]}>{t(statusLabelKey[s])}</Tag>,
    },
    {
      title: t('members.org'),
      dataIndex: 'orgName',
      key: 'orgName',
      render: (name: string, m) => (
        <Tooltip title={m.orgCode}>
          <span>{name}</span>
        </Tooltip>
      ),
    },
    {
      title: t('members.nonState'),
      dataIndex: 'isNonStateEnterprise',
      key: 'nonState',
      width: 120,
      align: 'center',
      render: (v: boolean) => (v ? t('common.yes') : ''),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, m) =>
        m.abilities.update ? (
          <Space size={0}>
            <Tooltip title={t('common.edit')}>
              <Button type="text" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${m.fullName}`} onClick={() => setEditing(m)} />
            </Tooltip>
            <Tooltip title={t('members.transfer')}>
              <Button
                type="text"
                icon={<SwapOutlined />}
                aria-label={`${t('members.transfer')} ${m.fullName}`}
                onClick={() => setTransferring(m)}
              />
            </Tooltip>
          </Space>
        ) : null,
    },
  ];

  const filters = { orgId: params.orgId, q: params.q, status: params.status, nonState: params.nonState };
  const hasFilters = Boolean(params.orgId || params.q || params.status || params.nonState);

  return (
    <div>
      <Typography.Title level={1} className="page-title">
        {t('members.title')}
      </Typography.Title>
      <Card size="small">
        <div className="toolbar">
          <OrgPicker
            allowClear
            value={params.orgId}
            onChange={(id) => setFilter({ orgId: id })}
            placeholder={t('members.orgFilter')}
            aria-label={t('members.orgFilter')}
            style={{ width: 300 }}
            testId="members-org-filter"
          />
          <Select<MemberStatus>
            allowClear
            placeholder={t('members.status')}
            aria-label={t('members.status')}
            value={params.status}
            onChange={(s) => setFilter({ status: s })}
            options={memberStatuses.map((s) => ({ value: s, label: t(statusLabelKey[s]) }))}
            style={{ width: 150 }}
          />
          <Select<'true' | 'false'>
            allowClear
            placeholder={t('members.nonState')}
            aria-label={t('members.nonState')}
            value={params.nonState}
            onChange={(v) => setFilter({ nonState: v })}
            options={[
              { value: 'true', label: `${t('members.nonState')}: ${t('common.yes')}` },
              { value: 'false', label: `${t('members.nonState')}: ${t('common.no')}` },
            ]}
            style={{ width: 250 }}
          />
          <Input.Search
            allowClear
            placeholder={t('members.searchPlaceholder')}
            aria-label={t('members.searchPlaceholder')}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value === '') setFilter({ q: undefined });
            }}
            onSearch={(v) => setFilter({ q: v.trim() || undefined })}
            style={{ width: 300 }}
            data-testid="members-search"
          />
          {hasFilters && (
            <Button
              type="link"
              onClick={() => {
                setSearchText('');
                setParams((p) => ({ ...p, orgId: undefined, q: undefined, status: undefined, nonState: undefined, page: 1 }));
              }}
            >
              {t('common.clear')}
            </Button>
          )}
          <span className="spacer" />
          <Button href={exportMembersUrl({ ...filters, sort: params.sort, order: params.order })} icon={<DownloadOutlined />} download>
            {t('members.export')}
          </Button>
          {canWrite && (
            <>
              <Button href={importTemplateUrl()} icon={<FileExcelOutlined />} download>
                {t('members.template')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('members.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('members.add')}
              </Button>
            </>
          )}
        </div>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Member>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: list.isPending ? t('common.loading') : t('members.empty') }}
            scroll={{ x: 1250 }}
            data-testid="members-table"
            onChange={(pagination, _filters, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const col = s?.columnKey ? String(s.columnKey) : undefined;
              const sort = col && s?.order ? sortOfColumn[col] : undefined;
              setParams((p) => {
                const nextSort = sort ?? 'givenName';
                const nextOrder = sort && s?.order === 'descend' ? 'desc' : 'asc';
                const isSortChange = nextSort !== p.sort || nextOrder !== p.order;
                return {
                  ...p,
                  sort: nextSort,
                  order: nextOrder,
                  page: isSortChange || pagination.pageSize !== p.pageSize ? 1 : (pagination.current ?? 1),
                  pageSize: pagination.pageSize ?? p.pageSize,
                };
              });
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('members.totalLabel', { count: formatVnNumber(total) }),
            }}
          />
        )}
      </Card>

      {editing !== null && (
        <MemberDrawer
          member={editing === 'new' ? null : editing}
          defaultOrgId={params.orgId}
          onClose={() => setEditing(null)}
          onConflict={() => {
            setEditing(null);
            refresh();
          }}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      {transferring && (
        <TransferModal
          member={transferring}
          onClose={() => setTransferring(null)}
          onDone={() => {
            setTransferring(null);
            refresh();
          }}
        />
      )}
      {isImporting && <ImportModal defaultOrgId={params.orgId} onClose={() => setImporting(false)} onImported={refresh} />}
    </div>
  );
}

function TransferModal({ member, onClose, onDone }: { member: Member; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ toOrgId: number }>();
  const [isSaving, setSaving] = useState(false);
  const onFinish = async (v: { toOrgId: number }) => {
    setSaving(true);
    try {
      await transferMember(member.id, member.version, v.toOrgId);
      void message.success(t('members.transferred'));
      onDone();
    } catch (e) {
      onError(e, { form, onConflict: onDone });
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormModal<{ toOrgId: number }>
      title={t('members.transferTitle', { name: member.fullName })}
      open
      form={form}
      onCancel={onClose}
      onFinish={onFinish}
      isSaving={isSaving}
      submitText={t('members.transfer')}
      testId="transfer-form"
    >
      <Typography.Paragraph type="secondary">
        {t('members.org')}: {member.orgName} ({member.orgCode})
      </Typography.Paragraph>
      <Form.Item
        name="toOrgId"
        label={t('members.transferTo')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('members.transferTo').toLowerCase() }) }]}
      >
        <OrgPicker autoFocus isDisabled={(o) => o.id === member.orgId || o.isClosed} />
      </Form.Item>
    </FormModal>
  );
}
