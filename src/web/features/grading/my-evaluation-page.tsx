import { Result, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading } from '../../components/states';
import { ApiError } from '../../lib/api';
import { fetchMyEvaluations, gradingKeys } from './grading.api';
import { EvaluationForm } from './evaluation-form';
import { useGradingT } from './grading.i18n';

/** A member's own evaluations, newest round first; usable on a phone. */
export function MyEvaluationPage() {
  const mine = useQuery({ queryKey: gradingKeys.mine, queryFn: fetchMyEvaluations });
  const { g } = useGradingT();
  if (mine.isPending) return <Loading />;
  if (mine.isError && mine.error instanceof ApiError && mine.error.status === 403) {
    return <Result status="info" title={g('mine')} subTitle={g('noMember')} />;
  }
  if (mine.isError) return <ErrorState error={mine.error} onRetry={() => mine.refetch()} />;
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }}>
        {g('mine')}
      </Typography.Title>
      <Link to="/grading/me/history" data-testid="my-history-link">
        {g('myHistory')}
      </Link>
      {mine.data.items.length === 0 && <Typography.Paragraph type="secondary">{g('noRoundsMine')}</Typography.Paragraph>}
      <Space direction="vertical" style={{ width: '100%' }}>
        {mine.data.items.map((e) => (
          <EvaluationForm key={`${e.id}-${e.version}`} evaluation={e} />
        ))}
      </Space>
    </div>
  );
}
