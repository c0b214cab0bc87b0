import { Alert, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { TARGET_STATUS_LABELS, type TargetStatus } from '../../../domain/targets';
import { formatDate, formatVnNumber } from '../../lib/format';
import { fetchEvaluationEvidence, gradingKeys } from './grading.api';
import { useGradingT } from './grading.i18n';

const STATUS_COLOR: Record<TargetStatus, string> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  off_track: 'red',
  not_assessable: 'default',
};

/**
 * Evidence judged when the form is read: an org's own targets as the dashboard judges them at
 * the period's end, and the inspection conclusions the subject was sent in the period.
 */
export function EvidencePanel({ evaluationId, subjectKind }: { evaluationId: number; subjectKind: 'member' | 'org' }) {
  const { g, locale } = useGradingT();
  const q = useQuery({
    queryKey: [...gradingKeys.evaluation(evaluationId), 'evidence'],
    queryFn: () => fetchEvaluationEvidence(evaluationId),
  });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.isError) return <Alert type="warning" showIcon title={g('ev.failed')} />;
  const { plans, inspections, asOf } = q.data;
  return (
    <div data-testid="evidence-judged" style={{ marginTop: 12 }}>
      {subjectKind === 'org' && (
        <>
          <Typography.Title level={5}>{g('ev.targets', { d: formatDate(asOf) })}</Typography.Title>
          {plans.length === 0 && <Typography.Paragraph type="secondary">{g('ev.noPlans')}</Typography.Paragraph>}
          {plans.map((p) => (
            <List
              key={p.document.id}
              size="small"
              bordered
              header={
                <b>
                  {p.document.symbol} · {p.document.title}
                </b>
              }
              style={{ marginBottom: 8 }}
              dataSource={p.targets}
              renderItem={(t) => (
                <List.Item>
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <Space wrap size={4}>
                      <Tag color={STATUS_COLOR[t.status]}>{TARGET_STATUS_LABELS[locale][t.status]}</Tag>
                      <span>{t.statement ?? t.text}</span>
                    </Space>
                    <Typography.Text type="secondary">
                      {t.latest === null
                        ? g('ev.noData')
                        : g('ev.latest', { v: `${formatVnNumber(t.latest)}${t.unit ? ` ${t.unit}` : ''}` })}{' '}
                      · {t.reason}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ))}
        </>
      )}
      <Typography.Title level={5}>{g('ev.inspections')}</Typography.Title>
      {inspections.length === 0 ? (
        <Typography.Paragraph type="secondary">{g('ev.noInspections')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          bordered
          dataSource={inspections}
          renderItem={(i) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <span>
                  {g(i.kind === 'inspection' ? 'ev.inspection' : 'ev.supervision')}: {i.theme}
                  {i.conclusionSymbol ? ` (${i.conclusionSymbol}, ${formatDate(i.sentOn)})` : ''}
                </span>
                <Typography.Text type="secondary">
                  {g('ev.findings', {
                    s: i.strengths,
                    l: i.limitations,
                    c: i.shortcomings,
                    v: i.violations,
                    d: i.recommendationsDone,
                    r: i.recommendations,
                  })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
