import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Typography } from 'antd';
import { useNavT } from '../../app/nav.i18n';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { useCurrentUser } from '../auth/auth.api';
import { fetchDocuments } from '../documents/documents.api';
import { scopePaths } from '../../../domain/access/permissions';
import { pickResolution } from './pick-resolution';

/**
 * The menu's "Bảng điều khiển": opens the dashboard of the resolution the user's org carries
 * out, at the user's org (the highest org where the user may read reports).
 */
export function DashboardHomePage() {
  const n = useNavT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const orgPath = scopePaths(me.grants, 'reports.read')[0] ?? null;
  const orgId = me.grants.find((g) => g.orgPath === orgPath)?.orgId;
  const docs = useQuery({
    queryKey: ['documents', 'resolutions-for-home'],
    queryFn: () => fetchDocuments({ kind: 'resolution', page: 1, pageSize: 200 }),
  });
  const picked = docs.data && orgPath ? pickResolution(docs.data.items, orgPath) : null;

  useEffect(() => {
    if (!picked) return;
    const search = orgId !== undefined && orgId !== picked.orgId ? { orgId } : {};
    void navigate({ to: '/dashboard/$documentId', params: { documentId: String(picked.id) }, search, replace: true });
  }, [picked, orgId, navigate]);

  if (docs.isError) return <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />;
  // The heading stays while the resolution is looked up (a phone's first view says where it is).
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {n('dashboard')}
      </Typography.Title>
      {docs.isPending || picked ? <Loading /> : <EmptyState text={n('noDashboard')} />}
    </>
  );
}
