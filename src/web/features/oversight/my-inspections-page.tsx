import { Card, Descriptions, Empty, List, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { fetchMyInspections, myInspectionsKey } from './oversight.api';
import { useOversightT } from './oversight.i18n';

/**
 * The page of a member under inspection: what was sent to them (the notice and plan, the
 * conclusion and recommendations once sent) and what they wrote back (their explanation, the
 * self-report). The server answers only the member's own files.
 */
export function MyInspectionsPage() {
  const { kind, locale, rec } = useOversightT();
  const en = locale === 'en';
  const t = (vi: string, english: string) => (en ? english : vi);
  const q = useQuery({ queryKey: myInspectionsKey, queryFn: fetchMyInspections });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <div>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }}>
        {t('Kiểm tra, giám sát đối với tôi', 'Inspections of me')}
      </Typography.Title>
      {q.data.length === 0 ? (
        <Empty description={t('Không có cuộc kiểm tra, giám sát nào đối với đồng chí.', 'No inspection concerns you.')} />
      ) : (
        q.data.map((f) => (
          <Card
            key={f.id}
            style={{ marginBottom: 16 }}
            title={
              <Link to="/oversight/inspections/$id" params={{ id: String(f.id) }}>
                {kind(f.kind)}: {f.content}
              </Link>
            }
            extra={<Tag>{f.statusLabel}</Tag>}
          >
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'by', label: t('Cơ quan tiến hành', 'Run by'), children: f.orgName },
                { key: 'period', label: t('Thời gian', 'Period'), children: `${formatDate(f.periodStart)} – ${formatDate(f.periodEnd)}` },
                { key: 'notice', label: t('Thông báo đã nhận', 'Notice received'), children: f.notice?.text ?? '—' },
                { key: 'plan', label: t('Kế hoạch', 'Plan'), children: f.plan?.text ?? '—' },
                {
                  key: 'explanation',
                  label: t('Giải trình, báo cáo của tôi', 'My explanation'),
                  children: f.selfReport?.text ?? <Typography.Text type="secondary">{t('Chưa gửi', 'Not sent yet')}</Typography.Text>,
                },
                {
                  key: 'conclusion',
                  label: t('Thông báo kết luận', 'Conclusion'),
                  children: f.conclusion?.text ?? <Typography.Text type="secondary">{t('Chưa có', 'Not yet')}</Typography.Text>,
                },
              ]}
            />
            {f.recommendations.length > 0 && (
              <List
                size="small"
                header={<b>{t('Kiến nghị', 'Recommendations')}</b>}
                dataSource={f.recommendations}
                renderItem={(r) => (
                  <List.Item>
                    {r.position}. {r.text} · {t('hạn', 'due')} {formatDate(r.deadline)}{' '}
                    <Tag color={r.view === 'overdue' ? 'red' : undefined}>{rec(r.view)}</Tag>
                  </List.Item>
                )}
              />
            )}
          </Card>
        ))
      )}
    </div>
  );
}
