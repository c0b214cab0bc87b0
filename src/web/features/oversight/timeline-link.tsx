import { Link } from '@tanstack/react-router';
import { useOversightT } from './oversight.i18n';

/**
 * The link from an org's page to its inspections and supervisions in one timeline (kept apart
 * from the page: no page code in the org page's bundle). Everyone who sees the org may follow
 * it: the timeline lists only the files the caller may open.
 */
export function OversightTimelineLink({ orgId }: { orgId: number }) {
  const { o } = useOversightT();
  return (
    <Link to="/oversight/orgs/$orgId" params={{ orgId: String(orgId) }} data-testid="oversight-timeline-link">
      {o('timeline')}
    </Link>
  );
}
