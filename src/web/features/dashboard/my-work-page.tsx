import { Card, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { dashboardKeys, fetchMyWork } from './dashboard.api';

const date = (iso: string) => iso.split('-').reverse().join('/');

/** "Việc của tôi": reports due, reports to approve, late tasks, explanation requests. */
export function MyWorkPage() {
  const q = useQuery({ queryKey: dashboardKeys.myWork, queryFn: fetchMyWork });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const w = q.data;
  return (
    <div data-testid="my-work">
      <Typography.Title level={4}>Việc của tôi</Typography.Title>
      <Card title="Báo cáo cần lập" size="small">
        <List dataSource={w.reportsToWrite} locale={{ emptyText: 'Không có' }} renderItem={(r) => (
          <List.Item>{r.orgName} — {r.documentSymbol} — kỳ {r.periodKey}, hạn {date(r.dueDate)} {r.isLate && <Tag color="red">Quá hạn</Tag>} {r.status === 'returned' && <Tag color="orange">Bị trả lại</Tag>}</List.Item>
        )} />
      </Card>
      <Card title="Báo cáo chờ duyệt" size="small" style={{ marginTop: 12 }}>
        <List dataSource={w.reportsToApprove} locale={{ emptyText: 'Không có' }} renderItem={(r) => <List.Item>{r.orgName} — {r.documentSymbol} — kỳ {r.periodKey}</List.Item>} />
      </Card>
      <Card title="Nhiệm vụ quá hạn" size="small" style={{ marginTop: 12 }}>
        <List dataSource={w.lateTasks} locale={{ emptyText: 'Không có' }} renderItem={(t) => <List.Item>{t.title} — {t.leadOrgName}, hạn {date(t.dueDate)} ({t.progress}%)</List.Item>} />
      </Card>
      <Card title="Yêu cầu giải trình" size="small" style={{ marginTop: 12 }}>
        <List dataSource={w.explanations} locale={{ emptyText: 'Không có' }} renderItem={(e) => <List.Item>{e.subject}: {e.question} — hạn {date(e.dueDate)}</List.Item>} />
      </Card>
    </div>
  );
}
