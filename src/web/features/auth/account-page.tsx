import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import { DesktopOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  authSettingsKey,
  disableTotp,
  enableTotp,
  endSession,
  fetchAuthSettings,
  fetchSessions,
  meKey,
  saveAuthSettings,
  sessionsKey,
  startTotpSetup,
  useCurrentUser,
  type TotpSetup,
} from './auth.api';

/** "Chrome trên Windows" from a user agent, or the raw string cut short. */
function describeDevice(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} — ${os}`;
  return userAgent.slice(0, 60);
}

function TotpCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [isBusy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await startTotpSetup());
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      await enableTotp(code.trim());
      void message.success(t('account.totpEnabled'));
      setSetup(null);
      await qc.invalidateQueries({ queryKey: meKey });
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('account.totpTitle')}
        </Space>
      }
      data-testid="totp-card"
    >
      {me.mustEnrolTotp && <Alert type="warning" showIcon title={t('account.totpRequired')} style={{ marginBottom: 16 }} role="alert" />}
      {me.totpEnabled ? (
        <>
          <Typography.Paragraph data-testid="totp-status">
            <Tag color="green">{t('users.active')}</Tag>
            {t('account.totpOn')}
          </Typography.Paragraph>
          <TotpDisableForm />
        </>
      ) : setup ? (
        <div className="totp-setup">
          <Typography.Paragraph>{t('account.totpScan')}</Typography.Paragraph>
          <img
            src={setup.qrDataUrl}
            alt="QR"
            width={200}
            height={200}
            data-testid="totp-qr"
            style={{ display: 'block', maxWidth: '100%' }}
          />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t('account.totpSecret')}:{' '}
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
              {setup.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={confirm} requiredMark={false} style={{ maxWidth: 280 }}>
            <Form.Item
              name="code"
              label={t('account.totpCode')}
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('account.totpCodeRequired') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={isBusy}>
              {t('account.totpConfirm')}
            </Button>
          </Form>
        </div>
      ) : (
        <>
          <Typography.Paragraph>{t('account.totpOff')}</Typography.Paragraph>
          <Button type="primary" onClick={start} loading={isBusy} data-testid="totp-start">
            {t('account.totpStart')}
          </Button>
        </>
      )}
    </Card>
  );
}

/**
 * Turning the second factor off asks for the password and a current code, as the server does;
 * the server refuses while an administrator requires it for the user's role.
 */
function TotpDisableForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ password: string; totpCode: string }>();
  const [isOpen, setOpen] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const submit = async ({ password, totpCode }: { password: string; totpCode: string }) => {
    setBusy(true);
    try {
      await disableTotp(password, totpCode.trim());
      void message.success(t('account.totpDisabled'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: meKey });
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  if (!isOpen)
    return (
      <Button danger onClick={() => setOpen(true)} data-testid="totp-disable">
        {t('account.totpDisable')}
      </Button>
    );
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 320 }} data-testid="totp-disable-form">
      <Typography.Paragraph type="secondary">{t('account.totpDisableHint')}</Typography.Paragraph>
      <Form.Item name="password" label={t('account.currentPassword')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="totpCode"
        label={t('account.totpCode')}
        rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('account.totpCodeRequired') }]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </Form.Item>
      <Space>
        <Button danger type="primary" htmlType="submit" loading={isBusy}>
          {t('account.totpDisableConfirm')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: fetchSessions });
  const end = async (id: string) => {
    try {
      await endSession(id);
      void message.success(t('account.sessionEnded'));
    } catch (e) {
      onError(e);
    } finally {
      void qc.invalidateQueries({ queryKey: sessionsKey });
    }
  };
  return (
    <Card title={t('account.sessionsTitle')} data-testid="sessions-card">
      <Typography.Paragraph type="secondary">{t('account.sessionsHint')}</Typography.Paragraph>
      <List
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        rowKey="id"
        renderItem={(s) => (
          <List.Item
            data-testid="session-item"
            actions={
              s.isCurrent
                ? [
                    <Tag key="this" color="blue">
                      {t('account.thisSession')}
                    </Tag>,
                  ]
                : [
                    <Popconfirm
                      key="end"
                      title={t('account.endSessionConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => end(s.id)}
                    >
                      <Button danger size="small">
                        {t('account.endSession')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={<DesktopOutlined />}
              title={describeDevice(s.userAgent, t('account.unknownDevice'))}
              description={
                <Space direction="vertical" size={0}>
                  <span>
                    {t('account.address')}: {s.ip ?? '—'}
                  </span>
                  <span>
                    {t('account.lastSeen')}: {formatDateTime(s.lastSeenAt)}
                  </span>
                  <span>
                    {t('account.signedIn')}: {formatDateTime(s.createdAt)}
                  </span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function LoginSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: authSettingsKey, queryFn: fetchAuthSettings });
  const toggle = async (requireTotp: boolean) => {
    try {
      qc.setQueryData(authSettingsKey, await saveAuthSettings({ requireTotp }));
      void message.success(t('account.requireTotpSaved'));
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Card>
      <Space align="start">
        <Switch
          checked={settings.data?.requireTotp ?? false}
          loading={settings.isPending}
          onChange={toggle}
          data-testid="require-totp"
          aria-label={t('account.requireTotp')}
        />
        <Typography.Text>{t('account.requireTotp')}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ margin: '12px 0 0' }}>
        <Link to="/api-tokens" data-testid="api-tokens-link">
          {t('account.apiTokens')}
        </Link>
      </Typography.Paragraph>
    </Card>
  );
}

/** The user's own security: a second factor, their active sessions, and (administrators) the login settings. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = me.grants.some((g) => g.role === 'admin');
  return (
    <div className="account-page" style={{ maxWidth: 860, minWidth: 0, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
        {t('account.title')}
      </Typography.Title>
      <TotpCard />
      {!me.mustEnrolTotp && <SessionsCard />}
      {isAdmin && !me.mustEnrolTotp && <LoginSettingsCard />}
    </div>
  );
}
