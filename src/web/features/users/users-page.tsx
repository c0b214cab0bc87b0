import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import {
  EditOutlined,
  KeyOutlined,
  LockOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { grantableRoles, roleLabels, type Role } from '../../../domain/access/permissions';
import { unlockUser, useCurrentUser } from '../auth/auth.api';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { createUser, fetchUsers, resetPassword, updateUser, userKeys, type User, type UserListParams } from './users.api';

export function UsersPage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const canWrite = useCan('users.write');
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [shownPassword, setShownPassword] = useState<{ name: string; password: string } | null>(null);

  const list = useQuery({ queryKey: userKeys.list(params), queryFn: () => fetchUsers(params), placeholderData: keepPreviousData });
  const refresh = () => void qc.invalidateQueries({ queryKey: userKeys.all });

  const toggleDisabled = async (u: User) => {
    try {
      await updateUser(u.id, { version: u.version, isDisabled: !u.isDisabled });
      void message.success(t('users.updated'));
    } catch (e) {
      onError(e);
    } finally {
      refresh();
    }
  };
  const isAdmin = useCurrentUser().grants.some((g) => g.role === 'admin');
  const onUnlock = async (u: User) => {
    try {
      await unlockUser(u.id);
      void message.success(t('account.unlocked'));
    } catch (e) {
      onError(e);
    }
  };
  const onReset = async (u: User) => {
    try {
      const r = await resetPassword(u.id, u.version);
      setShownPassword({ name: u.fullName, password: r.generatedPassword });
    } catch (e) {
      onError(e);
    } finally {
      refresh();
    }
  };

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      width: 160,
      // A username is data, not a label of the app: the walk's raw-key check leaves it alone.
      render: (v: string) => (
        <Typography.Text code data-raw>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('users.fullName'),
      dataIndex: 'fullName',
      key: 'fullName',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('users.email'), dataIndex: 'email', key: 'email', render: (v: string | null) => v ?? '' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.roles.map((r) => (
            <Tooltip key={`${r.role}-${r.orgId}`} title={r.orgCode}>
              <Tag color={r.role === 'admin' ? 'red' : 'blue'}>
                {label(roleLabels[r.role])} · {r.orgName}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'isDisabled',
      key: 'status',
      width: 140,
      render: (v: boolean) => (v ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 120, render: formatDate },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, u) =>
        u.abilities.update ? (
          <Space size={0}>
            <Tooltip title={t('common.edit')}>
              <Button type="text" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${u.username}`} onClick={() => setEditing(u)} />
            </Tooltip>
            <Popconfirm
              title={u.isDisabled ? t('users.enableConfirm', { name: u.fullName }) : t('users.disableConfirm', { name: u.fullName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggleDisabled(u)}
            >
              <Tooltip title={u.isDisabled ? t('users.enable') : t('users.disable')}>
                <Button
                  type="text"
                  icon={u.isDisabled ? <UnlockOutlined /> : <LockOutlined />}
                  aria-label={`${u.isDisabled ? t('users.enable') : t('users.disable')} ${u.username}`}
                />
              </Tooltip>
            </Popconfirm>
            <Popconfirm
              title={t('users.resetConfirm', { name: u.fullName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => onReset(u)}
            >
              <Tooltip title={t('users.resetPassword')}>
                <Button type="text" icon={<KeyOutlined />} aria-label={`${t('users.resetPassword')} ${u.username}`} />
              </Tooltip>
            </Popconfirm>
            {isAdmin && (
              <Popconfirm
                title={t('account.unlockConfirm', { name: u.fullName })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => onUnlock(u)}
              >
                <Tooltip title={t('account.unlock')}>
                  <Button type="text" icon={<SafetyCertificateOutlined />} aria-label={`${t('account.unlock')} ${u.username}`} />
                </Tooltip>
              </Popconfirm>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <div>
      <Typography.Title level={1} className="page-title">
        {t('users.title')}
      </Typography.Title>
      <Card size="small">
        <div className="toolbar">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            onSearch={(v) => setParams((p) => ({ ...p, q: v.trim() || undefined, page: 1 }))}
            style={{ width: 300 }}
          />
          <OrgPicker
            allowClear
            value={params.orgId}
            onChange={(id) => setParams((p) => ({ ...p, orgId: id, page: 1 }))}
            style={{ width: 300 }}
            aria-label={t('users.org')}
          />
          <span className="spacer" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('users.add')}
            </Button>
          )}
        </div>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: list.isPending ? t('common.loading') : t('users.empty') }}
            scroll={{ x: 1000 }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { count: formatVnNumber(n) }),
              onChange: (page, pageSize) => setParams((p) => ({ ...p, page: pageSize === p.pageSize ? page : 1, pageSize })),
            }}
          />
        )}
      </Card>
      {editing !== null && (
        <UserDrawer
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(u, generated) => {
            setEditing(null);
            refresh();
            if (generated) setShownPassword({ name: u.fullName, password: generated });
          }}
          onConflict={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      <Modal
        open={shownPassword !== null}
        title={shownPassword ? t('users.generatedTitle', { name: shownPassword.name }) : ''}
        onCancel={() => setShownPassword(null)}
        footer={
          <Button type="primary" onClick={() => setShownPassword(null)} autoFocus>
            {t('common.close')}
          </Button>
        }
        maskClosable={false}
        data-testid="generated-password"
      >
        <Alert type="warning" showIcon title={t('users.generatedOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          copyable={{ text: shownPassword?.password, tooltips: [t('common.copy'), t('common.copied')] }}
          className="password-once"
        >
          {shownPassword?.password}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}

type UserValues = {
  username: string;
  fullName: string;
  email?: string;
  password?: string;
  isDisabled?: boolean;
  roles: { orgId?: number; role?: Role }[];
};

function UserDrawer({
  user,
  onClose,
  onSaved,
  onConflict,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: (u: User, generatedPassword: string | null) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<UserValues>();
  const [isSaving, setSaving] = useState(false);
  const roleOptions = grantableRoles(me.grants).map((r) => ({ value: r, label: label(roleLabels[r]) }));

  const initialValues: Partial<UserValues> = user
    ? {
        username: user.username,
        fullName: user.fullName,
        email: user.email ?? '',
        isDisabled: user.isDisabled,
        roles: user.roles.map((r) => ({ orgId: r.orgId, role: r.role })),
      }
    : // A new account starts with the least power: a member's own pages, on an org the admin picks.
      { roles: [{ orgId: undefined, role: 'member' }] };

  const onFinish = async (v: UserValues) => {
    setSaving(true);
    const roles = v.roles.filter((r): r is { orgId: number; role: Role } => r.orgId !== undefined && r.role !== undefined);
    try {
      if (user) {
        const saved = await updateUser(user.id, {
          version: user.version,
          fullName: v.fullName.trim(),
          email: v.email?.trim() || null,
          isDisabled: v.isDisabled ?? false,
          roles,
        });
        void message.success(t('users.updated'));
        onSaved(saved, null);
      } else {
        const created = await createUser({
          username: v.username.trim(),
          fullName: v.fullName.trim(),
          email: v.email?.trim() || null,
          password: v.password ? v.password : undefined,
          roles,
        });
        void message.success(t('users.created'));
        onSaved(created.user, created.generatedPassword);
      }
    } catch (e) {
      onError(e, { form, onConflict });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      size={600}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.addTitle')}
      onClose={onClose}
      destroyOnHidden
      maskClosable={!isSaving}
    >
      <Form<UserValues>
        name="user"
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void onFinish(v)}
        disabled={isSaving}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('users.username').toLowerCase() }) },
            { pattern: /^[a-zA-Z0-9._-]{3,60}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={user !== null} autoFocus={user === null} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('users.fullName')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('users.fullName').toLowerCase() }) },
            { min: 2, max: 120 },
          ]}
        >
          <Input autoFocus={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('members.emailInvalid') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {user === null ? (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('users.passwordHint')}
            rules={[{ min: 10, message: t('users.passwordMin') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : (
          <Form.Item name="isDisabled" label={t('users.isDisabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Typography.Title level={5}>{t('users.roles')}</Typography.Title>
        <Form.List
          name="roles"
          rules={[
            {
              validator: async (_, roles: unknown[] | undefined) => {
                if (!roles || roles.length === 0) throw new Error(t('users.rolesRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} style={{ display: 'grid', gridTemplateColumns: '170px 1fr 32px', gap: 8, alignItems: 'start' }}>
                  <Form.Item
                    name={[field.name, 'role']}
                    rules={[{ required: true, message: t('common.requiredSelect', { field: t('users.role').toLowerCase() }) }]}
                  >
                    <Select options={roleOptions} aria-label={t('users.role')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'orgId']} rules={[{ required: true, message: t('users.orgRequired') }]}>
                    <OrgPicker aria-label={t('users.org')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                </div>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({ role: 'member' })} icon={<PlusOutlined />} block>
                  {t('users.addRole')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} disabled={false}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </Drawer>
  );
}
