import { useEffect } from 'react';
import { Button, Result } from 'antd';
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Link, Outlet, redirect, useRouterState } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, setUnauthenticatedHandler } from '../lib/api';
import { storedLocaleChoice } from '../lib/i18n';
import { ErrorState, Loading } from '../components/states';
import { meKey, useMe } from '../features/auth/auth.api';
import { LoginPage } from '../features/auth/login-page';
import { AppLayout } from './layout';
import { useLocale } from './locale';

// Each page is its own chunk, fetched when its route is first visited: the first load (the
// login form, the shell) does not carry every page's code. The router preloads a page given as
// a route's component; a page rendered inside a wrapper suspends on the pending component.
const OrgsPage = lazyRouteComponent(() => import('../features/orgs/orgs-page'), 'OrgsPage');
const MembersPage = lazyRouteComponent(() => import('../features/members/members-page'), 'MembersPage');
const UsersPage = lazyRouteComponent(() => import('../features/users/users-page'), 'UsersPage');
const AuditPage = lazyRouteComponent(() => import('../features/audit/audit-page'), 'AuditPage');
const DocumentsPage = lazyRouteComponent(() => import('../features/documents/documents-page'), 'DocumentsPage');
const DocumentPage = lazyRouteComponent(() => import('../features/documents/document-page'), 'DocumentPage');
const CascadePage = lazyRouteComponent(() => import('../features/documents/cascade-page'), 'CascadePage');
const DashboardPage = lazyRouteComponent(() => import('../features/dashboard/dashboard-page'), 'DashboardPage');
const MyWorkPage = lazyRouteComponent(() => import('../features/dashboard/my-work-page'), 'MyWorkPage');
const ReportsPage = lazyRouteComponent(() => import('../features/reports/reports-page'), 'ReportsPage');
const ReportPage = lazyRouteComponent(() => import('../features/reports/report-page'), 'ReportPage');
const MailOutboxPage = lazyRouteComponent(() => import('../features/reports/mail-outbox-page'), 'MailOutboxPage');
const PublicDashboardPage = lazyRouteComponent(() => import('../features/reports/public-dashboard-page'), 'PublicDashboardPage');
const StudySessionsPage = lazyRouteComponent(() => import('../features/study/sessions-page'), 'SessionsPage');
const StudySessionPage = lazyRouteComponent(() => import('../features/study/session-page'), 'SessionPage');
const StudyPointPage = lazyRouteComponent(() => import('../features/study/point-page'), 'PointPage');
const StudyCoveragePage = lazyRouteComponent(() => import('../features/study/coverage-page'), 'CoveragePage');
const MyStudyPage = lazyRouteComponent(() => import('../features/study/my-study-page'), 'MyStudyPage');
const ReflectionsPage = lazyRouteComponent(() => import('../features/study/reflections-page'), 'ReflectionsPage');
const CheckinPage = lazyRouteComponent(() => import('../features/study/checkin-page'), 'CheckinPage');
const AccountPage = lazyRouteComponent(() => import('../features/auth/account-page'), 'AccountPage');

/** Every page sits behind this gate: nobody logged in sees the login form, at any address. */
function RootGate() {
  const me = useMe();
  const qc = useQueryClient();
  const { locale, setLocale } = useLocale();
  const isCheckin = useRouterState({ select: (s) => s.location.pathname.startsWith('/checkin/') || s.location.pathname.startsWith('/public/') });

  useEffect(() => {
    setUnauthenticatedHandler(() => qc.setQueryData(meKey, null));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);

  // A browser that never chose takes the user's saved language; otherwise the browser's choice
  // wins and the server is told, so that messages and exports follow it.
  useEffect(() => {
    const current = me.data;
    if (!current || current.locale === locale) return;
    if (storedLocaleChoice() === null) {
      setLocale(current.locale);
      return;
    }
    void api
      .put('/auth/locale', { locale })
      .then(() => qc.setQueryData(meKey, { ...current, locale }))
      .catch(() => undefined);
  }, [me.data, locale, qc, setLocale]);

  // The QR check-in page and public dashboards are public and bare: no account needed.
  if (isCheckin) return <Outlet />;
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <LoginPage />;
  return (
    <AppLayout>
      {/* Required second factor missing: the account page is the only page until it is set up. */}
      {me.data.mustEnrolTotp ? <AccountPage /> : <Outlet />}
    </AppLayout>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.notFoundPage')}
      extra={
        <Link to="/orgs">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

const positiveInt = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const orgSearch = (s: Record<string, unknown>): { orgId?: number } => {
  const orgId = positiveInt(s.orgId);
  return orgId === undefined ? {} : { orgId };
};

const rootRoute = createRootRoute({ component: RootGate, notFoundComponent: NotFound });
const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/orgs' });
  },
});
const orgsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/orgs', validateSearch: orgSearch, component: OrgsRoutePage });
const membersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/members',
  validateSearch: orgSearch,
  component: MembersRoutePage,
});
const usersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/users', component: UsersPage });
const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/audit', component: AuditPage });
const documentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents', component: DocumentsPage });
const documentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents/$id', component: DocumentRoutePage });
const cascadeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cascade/$itemId', component: CascadeRoutePage });
const dashboardRoute = createRoute({ getParentRoute: () => rootRoute, path: '/dashboard/$documentId', validateSearch: orgSearch, component: DashboardRoutePage });
const myWorkRoute = createRoute({ getParentRoute: () => rootRoute, path: '/my-work', component: MyWorkPage });
const reportsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports', component: ReportsPage });
const reportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports/$id', component: () => <ReportPage key={reportRoute.useParams().id} id={Number(reportRoute.useParams().id)} /> });
const mailOutboxRoute = createRoute({ getParentRoute: () => rootRoute, path: '/mail-outbox', component: MailOutboxPage });
const publicDashboardRoute = createRoute({ getParentRoute: () => rootRoute, path: '/public/dashboards/$token', component: () => <PublicDashboardPage token={publicDashboardRoute.useParams().token} /> });
const studyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study', component: StudySessionsPage });
const studySessionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study/sessions/$id', component: () => <StudySessionPage key={studySessionRoute.useParams().id} id={Number(studySessionRoute.useParams().id)} /> });
const studyPointRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study/points/$id', component: () => <StudyPointPage key={studyPointRoute.useParams().id} id={Number(studyPointRoute.useParams().id)} /> });
const studyCoverageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/study/coverage',
  validateSearch: (s: Record<string, unknown>): { documentId?: number; orgId?: number } => ({ ...orgSearch(s), ...(positiveInt(s.documentId) ? { documentId: positiveInt(s.documentId) } : {}) }),
  component: () => <StudyCoveragePage {...studyCoverageRoute.useSearch()} />,
});
const myStudyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study/me', component: MyStudyPage });
const reflectionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study/reflections', component: ReflectionsPage });
const accountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account', component: AccountPage });
const checkinRoute = createRoute({ getParentRoute: () => rootRoute, path: '/checkin/$token', component: () => <CheckinPage token={checkinRoute.useParams().token} /> });
function DashboardRoutePage() {
  const { documentId } = dashboardRoute.useParams();
  const { orgId } = dashboardRoute.useSearch();
  return <DashboardPage key={documentId} documentId={Number(documentId)} orgId={orgId} />;
}
function DocumentRoutePage() {
  const { id } = documentRoute.useParams();
  return <DocumentPage key={id} id={Number(id)} />;
}
function CascadeRoutePage() {
  const { itemId } = cascadeRoute.useParams();
  return <CascadePage key={itemId} itemId={Number(itemId)} />;
}

function OrgsRoutePage() {
  const { orgId } = orgsRoute.useSearch();
  return <OrgsPage selectedId={orgId} />;
}
function MembersRoutePage() {
  const { orgId } = membersRoute.useSearch();
  return <MembersPage initialOrgId={orgId} />;
}

const routeTree = rootRoute.addChildren([
  indexRoute,
  orgsRoute,
  membersRoute,
  usersRoute,
  auditRoute,
  documentsRoute,
  documentRoute,
  cascadeRoute,
  dashboardRoute,
  myWorkRoute,
  reportsRoute,
  reportRoute,
  mailOutboxRoute,
  publicDashboardRoute,
  studyRoute,
  studySessionRoute,
  studyPointRoute,
  studyCoverageRoute,
  myStudyRoute,
  reflectionsRoute,
  checkinRoute,
  accountRoute,
]);

export const router = createRouter({
  routeTree,
  defaultPreload: false,
  scrollRestoration: true,
  defaultPendingComponent: () => <Loading />,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
