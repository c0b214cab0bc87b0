import { useEffect } from 'react';
import { Button, Result } from 'antd';
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  Outlet,
  useNavigate,
  useRouterState,
} from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, setUnauthenticatedHandler } from '../lib/api';
import { storedLocaleChoice } from '../lib/i18n';
import { ErrorState, Loading } from '../components/states';
import { meKey, useCurrentUser, useMe } from '../features/auth/auth.api';
import { LoginPage } from '../features/auth/login-page';
import { AppLayout } from './layout';
import { useLocale } from './locale';
import { canOpen, homeOf } from './navigation';

// Each page is its own chunk, fetched when its route is first visited: the first load (the
// login form, the shell) does not carry every page's code. The router preloads a page given as
// a route's component; a page rendered inside a wrapper suspends on the pending component.
const OrgsPage = lazyRouteComponent(() => import('../features/orgs/orgs-page'), 'OrgsPage');
const MembersPage = lazyRouteComponent(() => import('../features/members/members-page'), 'MembersPage');
const UsersPage = lazyRouteComponent(() => import('../features/users/users-page'), 'UsersPage');
const AuditPage = lazyRouteComponent(() => import('../features/audit/audit-page'), 'AuditPage');
const IndicatorProposalsPage = lazyRouteComponent(
  () => import('../features/indicator-proposals/indicator-proposals-page'),
  'IndicatorProposalsPage',
);
const DocumentsPage = lazyRouteComponent(() => import('../features/documents/documents-page'), 'DocumentsPage');
const DocumentPage = lazyRouteComponent(() => import('../features/documents/document-page'), 'DocumentPage');
const CascadePage = lazyRouteComponent(() => import('../features/documents/cascade-page'), 'CascadePage');
const DashboardHomePage = lazyRouteComponent(() => import('../features/dashboard/dashboard-home'), 'DashboardHomePage');
const DashboardPage = lazyRouteComponent(() => import('../features/dashboard/dashboard-page'), 'DashboardPage');
const MyWorkPage = lazyRouteComponent(() => import('../features/dashboard/my-work-page'), 'MyWorkPage');
const ReportsPage = lazyRouteComponent(() => import('../features/reports/reports-page'), 'ReportsPage');
const ReportPage = lazyRouteComponent(() => import('../features/reports/report-page'), 'ReportPage');
const ExplanationPage = lazyRouteComponent(() => import('../features/reports/explanations'), 'ExplanationPage');
const MailOutboxPage = lazyRouteComponent(() => import('../features/reports/mail-outbox-page'), 'MailOutboxPage');
const PublicDashboardPage = lazyRouteComponent(() => import('../features/reports/public-dashboard-page'), 'PublicDashboardPage');
const StudySessionsPage = lazyRouteComponent(() => import('../features/study/sessions-page'), 'SessionsPage');
const StudySessionPage = lazyRouteComponent(() => import('../features/study/session-page'), 'SessionPage');
const StudyPointPage = lazyRouteComponent(() => import('../features/study/point-page'), 'PointPage');
const PointCodesPage = lazyRouteComponent(() => import('../features/study/point-codes-page'), 'PointCodesPage');
const StudyCoveragePage = lazyRouteComponent(() => import('../features/study/coverage-page'), 'CoveragePage');
const MyStudyPage = lazyRouteComponent(() => import('../features/study/my-study-page'), 'MyStudyPage');
const ReflectionsPage = lazyRouteComponent(() => import('../features/study/reflections-page'), 'ReflectionsPage');
const CheckinPage = lazyRouteComponent(() => import('../features/study/checkin-page'), 'CheckinPage');
const OversightDashboardPage = lazyRouteComponent(() => import('../features/oversight/oversight-dashboard-page'), 'OversightDashboardPage');
const OversightProgramsPage = lazyRouteComponent(() => import('../features/oversight/programs-page'), 'ProgramsPage');
const OversightProgramPage = lazyRouteComponent(() => import('../features/oversight/programs-page'), 'ProgramPage');
const OversightInspectionsPage = lazyRouteComponent(() => import('../features/oversight/timeline-page'), 'InspectionsPage');
const OversightInspectionPage = lazyRouteComponent(() => import('../features/oversight/inspection-page'), 'InspectionPage');
const OversightTimelinePage = lazyRouteComponent(() => import('../features/oversight/timeline-page'), 'TimelinePage');
const MyInspectionsPage = lazyRouteComponent(() => import('../features/oversight/my-inspections-page'), 'MyInspectionsPage');
const GradingRoundsPage = lazyRouteComponent(() => import('../features/grading/rounds-page'), 'GradingRoundsPage');
const GradingRoundPage = lazyRouteComponent(() => import('../features/grading/round-page'), 'GradingRoundPage');
const MyEvaluationPage = lazyRouteComponent(() => import('../features/grading/my-evaluation-page'), 'MyEvaluationPage');
const OrgGradingHistoryPage = lazyRouteComponent(() => import('../features/grading/history-page'), 'OrgGradingHistoryPage');
const MemberGradingHistoryPage = lazyRouteComponent(() => import('../features/grading/history-page'), 'MemberGradingHistoryPage');
const MyGradingHistoryPage = lazyRouteComponent(() => import('../features/grading/history-page'), 'MyGradingHistoryPage');
const AccountPage = lazyRouteComponent(() => import('../features/auth/account-page'), 'AccountPage');
const CarryOverPage = lazyRouteComponent(() => import('../features/terms/carry-over-page'), 'CarryOverPage');
const ConsultationInboxPage = lazyRouteComponent(() => import('../features/consultation/inbox-page'), 'ConsultationInboxPage');
const ConsultationWorkspacePage = lazyRouteComponent(() => import('../features/consultation/workspace-page'), 'WorkspacePage');
const ConsultationRecipientPage = lazyRouteComponent(() => import('../features/consultation/recipient-page'), 'RecipientPage');
const ReorgPage = lazyRouteComponent(() => import('../features/reorg/reorg-page'), 'ReorgPage');
const RegistryPage = lazyRouteComponent(() => import('../features/registry/registry-page'), 'RegistryPage');
const MemberTimelinePage = lazyRouteComponent(() => import('../features/registry/member-timeline-page'), 'MemberTimelinePage');
const ApiTokensPage = lazyRouteComponent(() => import('../features/api-tokens/api-tokens-page'), 'ApiTokensPage');

/** Every page sits behind this gate: nobody logged in sees the login form, at any address. */
function RootGate() {
  const me = useMe();
  const qc = useQueryClient();
  const { locale, setLocale } = useLocale();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const isCheckin = pathname.startsWith('/checkin/') || pathname.startsWith('/public/');

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
      {/* Required second factor missing: the account page is the only page until it is set up. A page
          the user's roles do not open (an old link, the address typed before login) sends them home. */}
      {me.data.mustEnrolTotp ? <AccountPage /> : canOpen(me.data, pathname) ? <Outlet /> : <HomeRedirect />}
    </AppLayout>
  );
}

/** "/" opens the page where the user's work is (see navigation.ts). */
function HomeRedirect() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const home = homeOf(me);
  useEffect(() => void navigate({ to: home, replace: true }), [home, navigate]);
  return <Loading />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">404</h1>}
      subTitle={t('errors.notFoundPage')}
      extra={
        <Link to="/">
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
const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomeRedirect });
const dashboardHomeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/dashboard', component: DashboardHomePage });
const orgsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/orgs', validateSearch: orgSearch, component: OrgsRoutePage });
const membersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/members',
  validateSearch: orgSearch,
  component: MembersRoutePage,
});
const usersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/users', component: UsersPage });
const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/audit', component: AuditPage });
const indicatorProposalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/indicator-proposals',
  component: IndicatorProposalsPage,
});
const documentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents', component: DocumentsPage });
const documentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/documents/$id', component: DocumentRoutePage });
const cascadeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cascade/$itemId', component: CascadeRoutePage });
const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboard/$documentId',
  validateSearch: orgSearch,
  component: DashboardRoutePage,
});
const myWorkRoute = createRoute({ getParentRoute: () => rootRoute, path: '/my-work', component: MyWorkPage });
const reportsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports', component: ReportsPage });
const reportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports/$id',
  component: () => <ReportPage key={reportRoute.useParams().id} id={Number(reportRoute.useParams().id)} />,
});
const explanationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/explanations/$id',
  component: () => <ExplanationPage key={explanationRoute.useParams().id} id={Number(explanationRoute.useParams().id)} />,
});
const mailOutboxRoute = createRoute({ getParentRoute: () => rootRoute, path: '/mail-outbox', component: MailOutboxPage });
const publicDashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/public/dashboards/$token',
  component: () => <PublicDashboardPage token={publicDashboardRoute.useParams().token} />,
});
const studyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study', component: StudySessionsPage });
const studySessionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/study/sessions/$id',
  component: () => <StudySessionPage key={studySessionRoute.useParams().id} id={Number(studySessionRoute.useParams().id)} />,
});
const studyPointRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/study/points/$id',
  component: () => <StudyPointPage key={studyPointRoute.useParams().id} id={Number(studyPointRoute.useParams().id)} />,
});
const studyPointCodesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/study/points/$id/codes',
  component: () => <PointCodesPage id={Number(studyPointCodesRoute.useParams().id)} />,
});
const studyCoverageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/study/coverage',
  validateSearch: (s: Record<string, unknown>): { documentId?: number; orgId?: number } => ({
    ...orgSearch(s),
    ...(positiveInt(s.documentId) ? { documentId: positiveInt(s.documentId) } : {}),
  }),
  component: () => <StudyCoveragePage {...studyCoverageRoute.useSearch()} />,
});
const myStudyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study/me', component: MyStudyPage });
const reflectionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/study/reflections', component: ReflectionsPage });
const accountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account', component: AccountPage });
const apiTokensRoute = createRoute({ getParentRoute: () => rootRoute, path: '/api-tokens', component: ApiTokensPage });
const checkinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/checkin/$token',
  component: () => <CheckinPage token={checkinRoute.useParams().token} />,
});
const oversightRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight',
  validateSearch: orgSearch,
  component: () => <OversightDashboardPage orgId={oversightRoute.useSearch().orgId} />,
});
const oversightProgramsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight/programs',
  component: OversightProgramsPage,
});
const oversightProgramRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight/programs/$id',
  component: () => <OversightProgramPage key={oversightProgramRoute.useParams().id} id={Number(oversightProgramRoute.useParams().id)} />,
});
const oversightInspectionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight/inspections',
  component: OversightInspectionsPage,
});
const oversightInspectionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight/inspections/$id',
  component: () => (
    <OversightInspectionPage key={oversightInspectionRoute.useParams().id} id={Number(oversightInspectionRoute.useParams().id)} />
  ),
});
const oversightTimelineRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/oversight/orgs/$orgId',
  component: () => (
    <OversightTimelinePage key={oversightTimelineRoute.useParams().orgId} orgId={Number(oversightTimelineRoute.useParams().orgId)} />
  ),
});
const gradingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/grading', component: GradingRoundsPage });
const myInspectionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/oversight/me', component: MyInspectionsPage });
const myEvaluationRoute = createRoute({ getParentRoute: () => rootRoute, path: '/grading/me', component: MyEvaluationPage });
const gradingRoundRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/grading/rounds/$id',
  component: () => <GradingRoundPage key={gradingRoundRoute.useParams().id} id={Number(gradingRoundRoute.useParams().id)} />,
});
const orgGradingHistoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/grading/orgs/$orgId',
  component: () => (
    <OrgGradingHistoryPage key={orgGradingHistoryRoute.useParams().orgId} orgId={Number(orgGradingHistoryRoute.useParams().orgId)} />
  ),
});
const memberGradingHistoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/grading/members/$memberId',
  component: () => (
    <MemberGradingHistoryPage
      key={memberGradingHistoryRoute.useParams().memberId}
      memberId={Number(memberGradingHistoryRoute.useParams().memberId)}
    />
  ),
});
const myGradingHistoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/grading/me/history',
  component: MyGradingHistoryPage,
});
const carryOverRoute = createRoute({ getParentRoute: () => rootRoute, path: '/carry-over', component: CarryOverPage });
const consultationRoute = createRoute({ getParentRoute: () => rootRoute, path: '/consultation', component: ConsultationInboxPage });
const consultationWorkspaceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/consultation/documents/$id',
  component: () => (
    <ConsultationWorkspacePage key={consultationWorkspaceRoute.useParams().id} id={Number(consultationWorkspaceRoute.useParams().id)} />
  ),
});
const consultationVersionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/drafts/$id',
  validateSearch: (s: Record<string, unknown>): { recipient?: number } =>
    Number.isInteger(Number(s.recipient)) && Number(s.recipient) > 0 ? { recipient: Number(s.recipient) } : {},
  component: () => (
    <ConsultationRecipientPage
      key={consultationVersionRoute.useParams().id}
      versionId={Number(consultationVersionRoute.useParams().id)}
      recipientId={consultationVersionRoute.useSearch().recipient}
    />
  ),
});
const reorgRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reorg', component: ReorgPage });
const registryRoute = createRoute({ getParentRoute: () => rootRoute, path: '/registry', component: RegistryPage });
const memberTimelineRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registry/members/$id',
  component: () => <MemberTimelinePage key={memberTimelineRoute.useParams().id} id={Number(memberTimelineRoute.useParams().id)} />,
});
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
  indicatorProposalsRoute,
  documentsRoute,
  documentRoute,
  cascadeRoute,
  dashboardRoute,
  dashboardHomeRoute,
  myWorkRoute,
  reportsRoute,
  reportRoute,
  explanationRoute,
  mailOutboxRoute,
  publicDashboardRoute,
  studyRoute,
  studySessionRoute,
  studyPointRoute,
  studyCoverageRoute,
  myStudyRoute,
  reflectionsRoute,
  checkinRoute,
  oversightRoute,
  myInspectionsRoute,
  oversightProgramsRoute,
  oversightProgramRoute,
  oversightInspectionsRoute,
  oversightInspectionRoute,
  oversightTimelineRoute,
  gradingRoute,
  myEvaluationRoute,
  gradingRoundRoute,
  accountRoute,
  carryOverRoute,
  apiTokensRoute,
  studyPointCodesRoute,
  consultationRoute,
  consultationWorkspaceRoute,
  consultationVersionRoute,
  reorgRoute,
  registryRoute,
  memberTimelineRoute,
  orgGradingHistoryRoute,
  memberGradingHistoryRoute,
  myGradingHistoryRoute,
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
