import { Card, List, Result, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { useMe } from '../auth/auth.api';
import { gradingPeriod } from '../../../domain/grading';
import { fetchMemberHistory, fetchOrgHistory, gradingKeys, type HistoryRating, type OrgHistory } from './grading.api';
import { useGradingT } from './grading.i18n';

const LEVEL_COLORS = { excellent: 'green', good: 'blue', completed: 'gold', failed: 'red' } as const;
const number = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

/** "Năm 2024", "Quý I/2026": the period as people say it. */
function periodName(r: Pick<HistoryRating, 'periodKind' | 'periodKey'>, locale: 'vi' | 'en') {
  const label = gradingPeriod(r.periodKind, r.periodKey)?.label ?? r.periodKey;
  if (locale === 'en') return r.periodKind === 'year' ? `Year ${r.periodKey}` : r.periodKey;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * One card per rating, oldest first: the period, the round's committee, the rule set it was
 * graded under, the score and the level decided (or the step it is at). Cards, not a wide
 * table, so that the page reads on a phone.
 */
function Ratings({ ratings }: { ratings: HistoryRating[] }) {
  const { g, level, status, locale } = useGradingT();
  if (ratings.length === 0) return <Typography.Paragraph type="secondary">{g('historyNone')}</Typography.Paragraph>;
  return (
    <List
      dataSource={ratings}
      split={false}
      data-testid="history-ratings"
      renderItem={(r) => (
        <List.Item style={{ padding: '4px 0' }}>
          <Card
            size="small"
            style={{ width: '100%' }}
            title={periodName(r, locale)}
            extra={
              r.decidedLevel ? (
                <Tag color={LEVEL_COLORS[r.decidedLevel]} data-testid={`history-level-${r.periodKey}`}>
                  {level(r.decidedLevel)}
                </Tag>
              ) : (
                <Tag>{status(r.status)}</Tag>
              )
            }
          >
            <Space direction="vertical" size={0}>
              <Typography.Text>
                {g('historyScore')}: <strong>{r.score === null ? '—' : number(r.score)}</strong>
                {r.score !== null && '/100'}
              </Typography.Text>
              <Typography.Text type="secondary">
                {g('historyRules', { code: r.legalBasis ?? r.ruleSetCode })} · {r.roundOrgName}
              </Typography.Text>
              {r.versionNo > 1 && <Typography.Text type="secondary">{g('historyCorrected', { n: r.versionNo - 1 })}</Typography.Text>}
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}

/** The org's level per year with its subtree's shares "hoàn thành tốt trở lên" (numerator/denominator). */
function Years({ years }: { years: OrgHistory['years'] }) {
  const { g, level } = useGradingT();
  const share = (s: { numerator: number; denominator: number; percent: number | null }) =>
    s.denominator === 0 ? '—' : `${s.numerator}/${s.denominator} (${number(s.percent ?? 0)}%)`;
  return (
    <Table
      size="small"
      rowKey="year"
      pagination={false}
      dataSource={years}
      scroll={{ x: true }}
      data-testid="history-years"
      columns={[
        { title: g('historyYear'), dataIndex: 'year' },
        { title: g('historyLevel'), render: (_, y) => (y.level ? <Tag color={LEVEL_COLORS[y.level]}>{level(y.level)}</Tag> : '—') },
        { title: g('historyOrgsGood'), render: (_, y) => share(y.orgsGoodShare) },
        { title: g('historyMembersGood'), render: (_, y) => share(y.membersGoodShare) },
      ]}
    />
  );
}

/** Year-on-year ratings of an org: its own, and the shares of its subtree. */
export function OrgGradingHistoryPage({ orgId }: { orgId: number }) {
  const { g } = useGradingT();
  const history = useQuery({ queryKey: gradingKeys.orgHistory(orgId), queryFn: () => fetchOrgHistory(orgId) });
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const h = history.data;
  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }} data-testid="history-title">
        {g('historyTitle')} — {h.org.name}
      </Typography.Title>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {g('historyOwn')}
      </Typography.Title>
      <Ratings ratings={h.ratings} />
      {h.years.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {g('historyByYear')}
          </Typography.Title>
          <Years years={h.years} />
        </>
      )}
    </div>
  );
}

/** Year-on-year ratings of a member (the member themself, or a reader over their cell). */
export function MemberGradingHistoryPage({ memberId }: { memberId: number }) {
  const { g } = useGradingT();
  const history = useQuery({ queryKey: gradingKeys.memberHistory(memberId), queryFn: () => fetchMemberHistory(memberId) });
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const h = history.data;
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }} data-testid="history-title">
        {g('historyTitle')} — {h.member.fullName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{h.member.orgName}</Typography.Paragraph>
      <Ratings ratings={h.ratings} />
    </div>
  );
}

/** The signed-in member's own history (under /grading/me, which a member without grading roles may open). */
export function MyGradingHistoryPage() {
  const { g } = useGradingT();
  const me = useMe();
  if (me.isPending) return <Loading />;
  const memberId = me.data?.memberId ?? null;
  if (memberId === null) return <Result status="info" title={g('historyTitle')} subTitle={g('noMember')} />;
  return <MemberGradingHistoryPage memberId={memberId} />;
}
