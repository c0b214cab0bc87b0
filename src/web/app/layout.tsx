import { useState, type ReactNode } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Segmented, Space, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  BarChartOutlined,
  FileTextOutlined,
  HistoryOutlined,
  KeyOutlined,
  LogoutOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useLogout } from '../features/auth/auth.api';
import { ChangePasswordModal } from '../features/auth/change-password-modal';
import { ReauthPrompt } from '../features/auth/reauth-modal';
import { useCan } from '../features/auth/use-permission';
import { useLocale } from './locale';

const { Sider, Header, Content } = Layout;

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { locale, setLocale } = useLocale();
  const [collapsed, setCollapsed] = useState(false);
  const [isChangingPassword, setChangingPassword] = useState(false);
  const canUsers = useCan('users.read');
  const canAudit = useCan('audit.read');
  const canStudy = useCan('study.read');

  const items: MenuProps['items'] = [
    { key: '/orgs', icon: <ApartmentOutlined />, label: t('nav.orgs') },
    { key: '/members', icon: <TeamOutlined />, label: t('nav.members') },
    ...(canUsers ? [{ key: '/users', icon: <UserOutlined />, label: t('nav.users') }] : []),
    { key: '/documents', icon: <FileTextOutlined />, label: t('nav.documents') },
    ...(canAudit ? [{ key: '/audit', icon: <HistoryOutlined />, label: t('nav.audit') }] : []),
    { type: 'divider' as const },
    {
      key: 'study',
      icon: <ReadOutlined />,
      label: t('nav.study'),
      children: [
        ...(canStudy ? [{ key: '/study', label: 'Hội nghị học tập' }, { key: '/study/coverage', label: 'Kết quả học tập' }, { key: '/study/reflections', label: 'Bài thu hoạch' }] : []),
        ...(me.memberId ? [{ key: '/study/me', label: 'Học tập của tôi' }] : []),
      ],
    },
    {
      key: 'reports',
      icon: <BarChartOutlined />,
      label: t('nav.reports'),
      children: [
        { key: '/my-work', label: t('nav.myWork') },
        { key: '/reports', label: t('nav.reports') },
        ...(canAudit ? [{ key: '/mail-outbox', label: t('nav.mailOutbox') }] : []),
      ],
    },
  ];
  const selected = ['/my-work', '/reports', '/mail-outbox'].some((k) => pathname.startsWith(k))
    ? (['/my-work', '/reports', '/mail-outbox'].find((k) => pathname.startsWith(k)) ?? '/reports')
    : pathname.startsWith('/dashboard')
    ? '/documents'
    : pathname.startsWith('/study')
    ? (['/study/coverage', '/study/reflections', '/study/me'].find((k) => pathname.startsWith(k)) ?? '/study')
    : pathname.startsWith('/cascade')
    ? '/documents'
    : (['/orgs', '/members', '/users', '/audit', '/documents'].find((k) => pathname.startsWith(k)) ?? '/orgs');

  return (
    <Layout className="app-shell">
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="md" width={232} theme="dark" className="app-sider">
        <div className="sider-brand" title={t('app.tagline')}>
          <span className="brand-mark small" aria-hidden>
            ★
          </span>
          {!collapsed && <span className="sider-brand-name">{t('app.name')}</span>}
        </div>
        <nav aria-label={t('nav.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={['study', 'reports']}
            items={items}
            onClick={({ key }) => {
              if (key.startsWith('/')) void navigate({ to: key });
            }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <Typography.Text className="header-tagline">{t('app.tagline')}</Typography.Text>
          <Space size="middle">
            <Segmented
              size="small"
              aria-label={t('nav.language')}
              value={locale}
              onChange={(v) => setLocale(v as 'vi' | 'en')}
              options={[
                { label: 'VI', value: 'vi' },
                { label: 'EN', value: 'en' },
              ]}
              data-testid="language-switch"
            />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('password.change') },
                  { key: 'account', icon: <SafetyCertificateOutlined />, label: t('account.menu') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
                ],
                onClick: ({ key }) => (key === 'password' ? setChangingPassword(true) : key === 'account' ? void navigate({ to: '/account' }) : void logout()),
              }}
            >
              <Button type="text" aria-label={`${t('nav.account')}: ${me.fullName}`} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                <Typography.Text strong data-testid="current-user">
                  {me.fullName}
                </Typography.Text>
              </Button>
            </Dropdown>
          </Space>
          {isChangingPassword && <ChangePasswordModal onClose={() => setChangingPassword(false)} />}
          <ReauthPrompt />
        </Header>
        <Content className="app-content">{children}</Content>
      </Layout>
    </Layout>
  );
}
