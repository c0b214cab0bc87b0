import { Alert, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { TARGET_STATUS_LABELS, type TargetStatus } from '../../../domain/targets';
import { formatDate, formatVnNumber } from '../../lib/format';
import { fetchEvaluationEvidence, gradingKeys } from './grading.api';

const STATUS_COLOR: Record<TargetStatus, string> = { achieved: 'green', on_track: 'blue', at_risk: 'orange', off_track: 'red', not_assessable: 'default' };

/**
 * Evidence judged when the form is read: an org's own targets as the dashboard judges them at
 * the period's end, and the inspection conclusions the subject was sent in the period.
 */
export function EvidencePanel({ evaluationId, subjectKind }: { evaluationId: number; subjectKind: 'member' | 'org' }) {
  const q = useQuery({ queryKey: [...gradingKeys.evaluation(evaluationId), 'evidence'], queryFn: () => fetchEvaluationEvidence(evaluationId) });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.isError) return <Alert type="warning" showIcon title="Chưa tải được minh chứng về chỉ tiêu và kiểm tra, giám sát." />;
  const { plans, inspections, asOf } = q.data;
  return (
    <div data-testid="evidence-judged" style={{ marginTop: 12 }}>
      {subjectKind === 'org' && (
        <>
          <Typography.Title level={5}>Chỉ tiêu của tổ chức (tính đến {formatDate(asOf)})</Typography.Title>
          {plans.length === 0 && <Typography.Paragraph type="secondary">Tổ chức chưa có chương trình, kế hoạch có chỉ tiêu được thông qua trong kỳ.</Typography.Paragraph>}
          {plans.map((p) => (
            <List key={p.document.id} size="small" bordered header={<b>{p.document.symbol} · {p.document.title}</b>} style={{ marginBottom: 8 }}
              dataSource={p.targets}
              renderItem={(t) => (
                <List.Item>
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <Space wrap size={4}><Tag color={STATUS_COLOR[t.status]}>{TARGET_STATUS_LABELS.vi[t.status]}</Tag><span>{t.statement ?? t.text}</span></Space>
                    <Typography.Text type="secondary">
                      {t.latest === null ? 'Chưa có số liệu' : `Số liệu gần nhất: ${formatVnNumber(t.latest)}${t.unit ? ` ${t.unit}` : ''}`} · {t.reason}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )} />
          ))}
        </>
      )}
      <Typography.Title level={5}>Kết luận kiểm tra, giám sát trong kỳ</Typography.Title>
      {inspections.length === 0
        ? <Typography.Paragraph type="secondary">Không có kết luận kiểm tra, giám sát nào được gửi trong kỳ.</Typography.Paragraph>
        : <List size="small" bordered dataSource={inspections} renderItem={(i) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <span>{i.kind === 'inspection' ? 'Kiểm tra' : 'Giám sát'}: {i.theme}{i.conclusionSymbol ? ` (${i.conclusionSymbol}, ${formatDate(i.sentOn)})` : ''}</span>
                <Typography.Text type="secondary">
                  {i.strengths} ưu điểm · {i.limitations} hạn chế · {i.shortcomings} khuyết điểm · {i.violations} vi phạm · kiến nghị đã thực hiện {i.recommendationsDone}/{i.recommendations}
                </Typography.Text>
              </Space>
            </List.Item>
          )} />}
    </div>
  );
}
