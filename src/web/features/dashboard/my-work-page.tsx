import { useState } from 'react';
import { formatPeriod } from '../../lib/format';
import { Button, Card, Drawer, List, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { dashboardKeys, fetchMyWork, markAllNotificationsRead, markNotificationRead } from './dashboard.api';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { ExplanationThread } from '../reports/explanations';
import { formatDay, useReportsT } from '../reports/reports.i18n';

/** "Việc của tôi": reports due, reports to approve, late tasks, explanation requests. */
export function MyWorkPage() {
  const { r, locale } = useReportsT();
  const lang = locale === 'en' ? 'en' : 'vi';
  const [explanationId, setExplanationId] = useState<number | null>(null);
  const q = useQuery({ queryKey: dashboardKeys.myWork, queryFn: fetchMyWork });
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const refresh = () => void qc.invalidateQueries({ queryKey: dashboardKeys.myWork });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh, onError: (e) => onError(e) });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh, onError: (e) => onError(e) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const w = q.data;
  const empty = { emptyText: r('none') };
  const reportLink = (id: number, text: string) => (
    <Link to="/reports/$id" params={{ id: String(id) }}>
      {text}
    </Link>
  );
  return (
    <div data-testid="my-work">
      <Typography.Title level={1} className="page-title">
        {r('myWork')}
      </Typography.Title>
      <Card title={`${r('reports')} — ${r('toWrite')}`} size="small" data-testid="my-work-write">
        <List
          dataSource={w.reportsToWrite}
          locale={empty}
          renderItem={(x) => (
            <List.Item>
              {reportLink(x.id, `${x.orgName} — ${x.documentSymbol} — ${formatPeriod(x.periodKey, lang)}`)}
              <span>
                {r('dueDate')} {formatDay(x.dueDate)} {x.isLate && <Tag color="red">{r('late')}</Tag>}{' '}
                {x.status === 'returned' && <Tag color="orange">{r('s.returned')}</Tag>}
              </span>
            </List.Item>
          )}
        />
      </Card>
      <Card title={`${r('reports')} — ${r('toApprove')}`} size="small" style={{ marginTop: 12 }} data-testid="my-work-approve">
        <List
          dataSource={w.reportsToApprove}
          locale={empty}
          renderItem={(x) => (
            <List.Item>
              {reportLink(x.id, `${x.orgName} — ${x.documentSymbol} — ${formatPeriod(x.periodKey, lang)}`)}
              <span>
                {r('dueDate')} {formatDay(x.dueDate)}
              </span>
            </List.Item>
          )}
        />
      </Card>
      <Card title={r('explanations')} size="small" style={{ marginTop: 12 }} data-testid="my-work-explanations">
        <List
          dataSource={w.explanations}
          locale={empty}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button key="open" size="small" type="primary" onClick={() => setExplanationId(e.id)}>
                  {r('answer')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  e.isOverdue ? (
                    <>
                      <Tag color="red">{r('late')}</Tag> {e.subject ?? e.orgName}
                    </>
                  ) : (
                    (e.subject ?? e.orgName)
                  )
                }
                description={
                  <>
                    {e.question} — {r('askedBy')}: {e.askedByName} — {r('deadline')} {formatDay(e.dueDate)}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={r('lateTasks')} size="small" style={{ marginTop: 12 }}>
        <List
          dataSource={w.lateTasks}
          locale={empty}
          renderItem={(t) => (
            <List.Item>
              <span>
                {t.title} — {t.leadOrgName}
              </span>{' '}
              <span>
                {r('dueDate')} {formatDay(t.dueDate)} ({t.progress}%)
              </span>
            </List.Item>
          )}
        />
      </Card>
      {w.notifications.length > 0 && (
        <Card
          title={r('notifications')}
          size="small"
          style={{ marginTop: 12 }}
          data-testid="my-work-notifications"
          extra={
            <Button size="small" loading={readAll.isPending} onClick={() => readAll.mutate()} data-testid="notifications-read-all">
              {r('markAllRead')}
            </Button>
          }
        >
          <List
            dataSource={w.notifications}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <Button
                    key="read"
                    size="small"
                    type="link"
                    disabled={readOne.isPending}
                    onClick={() => readOne.mutate(n.id)}
                    aria-label={`${r('markRead')}: ${n.title}`}
                    data-testid={`notification-read-${n.id}`}
                  >
                    {r('markRead')}
                  </Button>,
                ]}
              >
                <span>{n.link?.startsWith('/') ? <a href={n.link}>{n.title}</a> : n.title}</span>{' '}
                <Typography.Text type="secondary">{n.body}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      {explanationId !== null && (
        <Drawer open size={560} title={r('explanations')} onClose={() => setExplanationId(null)}>
          <ExplanationThread id={explanationId} />
        </Drawer>
      )}
    </div>
  );
}
