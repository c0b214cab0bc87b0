import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useCurrentUser } from '../auth/auth.api';
import { ErrorState } from '../../components/states';
import { fetchOutbox, reportKeys, type MailRow } from './reports.api';
import { formatDateTime, useReportsT } from './reports.i18n';

const COLOR: Record<string, string> = { pending: 'blue', held: 'orange', sent: 'green', failed: 'red' };

/** The mail the app would send (reminders), readable here even without SMTP settings. */
export function MailOutboxPage() {
  const { r } = useReportsT();
  const { message } = App.useApp();
  // Sending reminders now is an administrator's tool (the server refuses anyone else).
  const canRemind = useCurrentUser().grants.some((g) => g.role === 'admin');
  const q = useQuery({ queryKey: reportKeys.outbox, queryFn: fetchOutbox });
  const remind = useMutation({
    mutationFn: () => api.post<{ notifications: number; mails: number }>('/reports/reminders', {}),
    onSuccess: (x) => {
      void message.success(r('remindersSent', x));
      void q.refetch();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <div data-testid="mail-outbox">
      <Typography.Title level={1} className="page-title">
        {r('outbox')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{r('noteOutbox')}</Typography.Paragraph>
      <Card
        size="small"
        extra={
          canRemind && (
            <Button loading={remind.isPending} onClick={() => remind.mutate()} data-testid="send-reminders">
              {r('sendReminders')}
            </Button>
          )
        }
      >
        {q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<MailRow>
            rowKey="id"
            size="small"
            loading={q.isPending}
            dataSource={q.data ?? []}
            locale={{ emptyText: r('none') }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            expandable={{
              expandedRowRender: (m) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.body}</Typography.Paragraph>,
            }}
            columns={[
              { title: r('createdAt'), width: 150, render: (_, m) => formatDateTime(m.createdAt) },
              { title: r('to'), dataIndex: 'toAddress', width: 240 },
              { title: r('subject'), dataIndex: 'subject' },
              { title: r('status'), width: 200, render: (_, m) => <Tag color={COLOR[m.status]}>{r(`m.${m.status}`)}</Tag> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
