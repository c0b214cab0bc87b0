import { Link } from '@tanstack/react-router';
import { useGradingT } from './grading.i18n';

/** The link to a subject's rating history that the org's and the member's pages show (kept apart from the page: no page code in their bundles). */
export function GradingHistoryLink(props: { orgId: number } | { memberId: number }) {
  const { g } = useGradingT();
  return 'orgId' in props ? (
    <Link to="/grading/orgs/$orgId" params={{ orgId: String(props.orgId) }} data-testid="grading-history-link">
      {g('historyTitle')}
    </Link>
  ) : (
    <Link to="/grading/members/$memberId" params={{ memberId: String(props.memberId) }} data-testid="grading-history-link">
      {g('historyTitle')}
    </Link>
  );
}
