import { useState, type ReactNode } from 'react';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Space, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HistoryOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ReadOutlined,
  RetweetOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useNavT } from './nav.i18n';
import { useCurrentUser, useLogout } from '../features/auth/auth.api';
import { ChangePasswordModal } from '../features/auth/change-password-modal';
import { ReauthPrompt } from '../features/auth/reauth-modal';
import { useLocale } from './locale';
import { PAGES, pagesFor, type MenuGroup, type PagePath } from './navigation';

const { Sider, Header, Content } = Layout;

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const n = useNavT();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { locale, setLocale } = useLocale();
  const [collapsed, setCollapsed] = useState(false);
  const [isChangingPassword, setChangingPassword] = useState(false);
  const screens = Grid.useBreakpoint();
  // Phones get a drawer instead of the fixed sidebar (screens.md is false below 768 px; it is
  // undefined before the first measure, when the desktop layout is kept).
  const isPhone = screens.md === false;
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const pages = pagesFor(me);
  const label: Record<PagePath, string> = {
    '/dashboard': n('dashboard'),
    '/orgs': t('nav.orgs'),
    '/members': t('nav.members'),
    '/users': t('nav.users'),
    '/documents': t('nav.documents'),
    '/audit': t('nav.audit'),
    '/indicator-proposals': locale === 'en' ? 'Indicator proposals' : 'Chỉ số chờ duyệt',
    '/study': n('sessions'),
    '/study/coverage': n('coverage'),
    '/study/reflections': n('reflections'),
    '/study/me': n('myStudy'),
    '/my-work': t('nav.myWork'),
    '/reports': t('nav.reports'),
    '/mail-outbox': t('nav.mailOutbox'),
    '/oversight': locale === 'en' ? 'Overview' : 'Tổng quan',
    '/oversight/programs': locale === 'en' ? 'Programs' : 'Chương trình',
    '/oversight/inspections': locale === 'en' ? 'Inspection files' : 'Hồ sơ kiểm tra, giám sát',
    '/grading': locale === 'en' ? 'Grading rounds' : 'Đợt đánh giá',
    '/grading/me': locale === 'en' ? 'My self-assessment' : 'Phiếu kiểm điểm của tôi',
    '/carry-over': locale === 'en' ? 'Carry into the new term' : 'Chuyển tiếp nhiệm kỳ',
    '/oversight/me': locale === 'en' ? 'Inspections of me' : 'Kiểm tra, giám sát đối với tôi',
    '/consultation': locale === 'en' ? 'Comments on drafts' : 'Góp ý dự thảo',
    '/reorg': locale === 'en' ? 'Reorganize' : 'Sắp xếp tổ chức',
    '/registry': locale === 'en' ? 'Party building' : 'Phát triển đảng viên',
  };
  const icon: Partial<Record<PagePath, ReactNode>> = {
    '/dashboard': <DashboardOutlined />,
    '/orgs': <ApartmentOutlined />,
    '/members': <TeamOutlined />,
    '/users': <UserOutlined />,
    '/documents': <FileTextOutlined />,
    '/audit': <HistoryOutlined />,
    // Every entry of the top level has an icon: one without sits out of line with the others,
    // and shows nothing when the sidebar is folded.
    '/indicator-proposals': <BulbOutlined />,
    '/carry-over': <RetweetOutlined />,
    '/consultation': <CommentOutlined />,
    '/reorg': <ClusterOutlined />,
    '/registry': <UserAddOutlined />,
  };
  const entry = (path: PagePath) => ({ key: path, icon: icon[path], label: label[path] });
  const group = (key: MenuGroup, groupIcon: ReactNode, groupLabel: string) => {
    const children = PAGES.filter((p) => p.group === key && pages.includes(p.path)).map((p) => entry(p.path));
    return children.length === 0 ? [] : [{ key, icon: groupIcon, label: groupLabel, children }];
  };
  const items: MenuProps['items'] = [
    ...PAGES.filter((p) => p.group === null && pages.includes(p.path)).map((p) => entry(p.path)),
    { type: 'divider' as const },
    ...group('study', <ReadOutlined />, t('nav.study')),
    ...group('reports', <BarChartOutlined />, t('nav.reports')),
    ...group('oversight', <AuditOutlined />, locale === 'en' ? 'Inspection and supervision' : 'Kiểm tra, giám sát'),
    ...group('grading', <SafetyCertificateOutlined />, locale === 'en' ? 'Evaluation and grading' : 'Đánh giá, xếp loại'),
  ];
  // The menu entry of the page shown: the longest page path the address starts with; a
  // document's pages and its cascade belong to "Văn bản".
  const selected = pathname.startsWith('/cascade')
    ? '/documents'
    : ([...PAGES]
        .map((p) => p.path)
        .sort((a, b) => b.length - a.length)
        .find((k) => pathname === k || pathname.startsWith(`${k}/`)) ?? '');

  const menu = (
    <nav aria-label={t('nav.menu')}>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={[selected]}
        defaultOpenKeys={['study', 'reports', 'oversight', 'grading']}
        items={items}
        onClick={({ key }) => {
          if (!key.startsWith('/')) return;
          setDrawerOpen(false);
          void navigate({ to: key });
        }}
      />
    </nav>
  );
  const brand = (isWide: boolean) => (
    <div className="sider-brand" title={t('app.tagline')}>
      <span className="brand-mark small" aria-hidden>
        ★
      </span>
      {isWide && <span className="sider-brand-name">{t('app.name')}</span>}
    </div>
  );

  return (
    <Layout className="app-shell">
      {!isPhone && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={232} theme="dark" className="app-sider">
          {brand(!collapsed)}
          {menu}
        </Sider>
      )}
      {isPhone && (
        <Drawer
          open={isDrawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          closable={false}
          className="app-drawer"
          styles={{ body: { padding: 0, background: '#3b0a0a' } }}
          data-testid="nav-drawer"
        >
          {brand(true)}
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="app-header">
          {isPhone ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={n('openMenu')}
              onClick={() => setDrawerOpen(true)}
              data-testid="nav-open"
            />
          ) : (
            <Typography.Text className="header-tagline">{t('app.tagline')}</Typography.Text>
          )}
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
                onClick: ({ key }) =>
                  key === 'password' ? setChangingPassword(true) : key === 'account' ? void navigate({ to: '/account' }) : void logout(),
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
