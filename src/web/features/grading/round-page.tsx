import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, List, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  EVALUATION_STATUS_LABELS, GRADE_LABELS, fetchEvaluations, fetchResults, fetchRound, formatPercent, gradingKeys, levelColors, resultsXlsxUrl,
  roundSummaryDocxUrl, stepEvaluation, type Evaluation, type GradeLevel, type LevelSummary,
} from './grading.api';
import { EvaluationForm } from './evaluation-form';

/** One round: the review list (comment, proposal, decision) and the results dashboard. */
export function GradingRoundPage({ id }: { id: number }) {
  const round = useQuery({ queryKey: gradingKeys.round(id), queryFn: () => fetchRound(id) });
  if (round.isPending) return <Loading />;
  if (round.isError) return <ErrorState error={round.error} onRetry={() => round.refetch()} />;
  const r = round.data;
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{r.name}</Typography.Title>
      <Space wrap size={4}>
        <Tag>{r.orgName}</Tag>
        <Tag color="geekblue">QĐ {r.ruleSet.legalBasis.symbol}</Tag>
        <Tag>Tự đánh giá đến {formatDate(r.selfAssessDue)}</Tag>
        <Tag>Nhận xét, đề xuất đến {formatDate(r.reviewDue)}</Tag>
        <Tag>Quyết định đến {formatDate(r.decideDue)}</Tag>
        {r.isSample && <Tag>Dữ liệu mẫu</Tag>}
      </Space>
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          { key: 'review', label: 'Nhận xét, đề xuất, quyết định', children: <ReviewList roundId={id} /> },
          { key: 'results', label: 'Kết quả xếp loại', children: <ResultsPanel roundId={id} /> },
        ]}
      />
    </div>
  );
}

function ReviewList({ roundId }: { roundId: number }) {
  const [subjectKind, setSubjectKind] = useState<'member' | 'org'>('member');
  const list = useQuery({ queryKey: [...gradingKeys.evaluations(roundId), subjectKind], queryFn: () => fetchEvaluations(roundId, { subjectKind }) });
  const [acting, setActing] = useState<{ e: Evaluation; step: 'comment' | 'propose' | 'decide' } | null>(null);
  const [viewing, setViewing] = useState<Evaluation | null>(null);
  return (
    <>
      <Select value={subjectKind} onChange={setSubjectKind} style={{ width: 200, marginBottom: 8 }} options={[{ value: 'member', label: 'Đảng viên' }, { value: 'org', label: 'Tổ chức đảng' }]} />
      {list.isPending ? <Loading /> : list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : (
        <List
          dataSource={list.data.items}
          locale={{ emptyText: 'Không có phiếu đánh giá trong phạm vi của đồng chí.' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          renderItem={(e) => (
            <List.Item data-testid={`review-${e.id}`} actions={[
              <Button key="v" size="small" onClick={() => setViewing(e)}>Xem</Button>,
              ...(e.abilities.comment ? [<Button key="c" size="small" onClick={() => setActing({ e, step: 'comment' })} data-testid={`comment-${e.id}`}>Nhận xét</Button>] : []),
              ...(e.abilities.propose ? [<Button key="p" size="small" onClick={() => setActing({ e, step: 'propose' })} data-testid={`propose-${e.id}`}>Đề xuất</Button>] : []),
              ...(e.abilities.decide ? [<Button key="d" size="small" type="primary" onClick={() => setActing({ e, step: 'decide' })} data-testid={`decide-${e.id}`}>Quyết định</Button>] : []),
            ]}>
              <List.Item.Meta
                title={e.subjectName}
                description={<Space wrap size={4}>
                  <span>{e.orgName}</span>
                  <Tag>{EVALUATION_STATUS_LABELS[e.status]}</Tag>
                  {e.score !== null && <Tag>{String(e.score).replace('.', ',')} điểm</Tag>}
                  {e.status !== 'draft' && <Tag color={levelColors[e.sheet.level]}>Quy định cho phép: {GRADE_LABELS.vi[e.sheet.level]}</Tag>}
                  {e.proposedLevel && <Tag>Đề xuất: {GRADE_LABELS.vi[e.proposedLevel]}</Tag>}
                  {e.decidedLevel && <Tag color={levelColors[e.decidedLevel]}>Xếp loại: {GRADE_LABELS.vi[e.decidedLevel]}</Tag>}
                </Space>}
              />
            </List.Item>
          )}
        />
      )}
      {acting && <StepDialog evaluation={acting.e} step={acting.step} onClose={() => setActing(null)} />}
      {viewing && <Modal open width={820} footer={null} onCancel={() => setViewing(null)} title={viewing.subjectName}><EvaluationForm evaluation={viewing} /></Modal>}
    </>
  );
}

const stepTitles = { comment: 'Ý kiến nhận xét của chi bộ', propose: 'Đề xuất mức xếp loại', decide: 'Quyết định xếp loại' } as const;
type StepValues = { comment?: string; level?: GradeLevel; present?: number; agree?: number; disagree?: number };

function StepDialog({ evaluation: e, step, onClose }: { evaluation: Evaluation; step: 'comment' | 'propose' | 'decide'; onClose: () => void }) {
  const [form] = Form.useForm<StepValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useMutation({
    mutationFn: (v: StepValues) => stepEvaluation(e.id, step, {
      version: e.version,
      ...(step === 'comment' ? { comment: v.comment } : { level: v.level }),
      ...(step === 'propose' || v.present !== undefined ? { votes: { present: v.present ?? 0, agree: v.agree ?? 0, disagree: v.disagree ?? 0 } } : {}),
    }),
    onSuccess: () => { void message.success('Đã ghi nhận.'); void qc.invalidateQueries({ queryKey: ['grading'] }); onClose(); },
    onError: (err) => onError(err, { form, onConflict: () => { void qc.invalidateQueries({ queryKey: ['grading'] }); onClose(); } }),
  });
  const allowed = (['excellent', 'good', 'completed', 'failed'] as const).filter((l) => ['excellent', 'good', 'completed', 'failed'].indexOf(l) >= ['excellent', 'good', 'completed', 'failed'].indexOf(e.sheet.level));
  return (
    <Modal open title={`${stepTitles[step]}: ${e.subjectName}`} okText="Ghi nhận" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={act.isPending}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="Điểm">{e.score === null ? '—' : String(e.score).replace('.', ',')}</Descriptions.Item>
        <Descriptions.Item label="Mức quy định cho phép"><Tag color={levelColors[e.sheet.level]}>{GRADE_LABELS.vi[e.sheet.level]}</Tag></Descriptions.Item>
        {e.proposedLevel && <Descriptions.Item label="Chi bộ đề xuất">{GRADE_LABELS.vi[e.proposedLevel]}{e.votes ? ` (${e.votes.agree}/${e.votes.present} đồng ý)` : ''}</Descriptions.Item>}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ level: e.proposedLevel ?? e.sheet.level }}>
        {step === 'comment' ? (
          <Form.Item name="comment" label="Ý kiến" rules={[{ required: true, message: 'Nhập ý kiến của chi bộ' }]}><Input.TextArea autoSize={{ minRows: 3 }} data-testid="step-comment" /></Form.Item>
        ) : (
          <Form.Item name="level" label="Mức xếp loại" rules={[{ required: true }]}>
            <Select data-testid="step-level" options={allowed.map((l) => ({ value: l, label: GRADE_LABELS.vi[l] }))} />
          </Form.Item>
        )}
        {step === 'propose' && (
          <Space wrap>
            <Form.Item name="present" label="Số dự họp" rules={[{ required: true, message: 'Nhập số' }]}><InputNumber min={0} data-testid="votes-present" /></Form.Item>
            <Form.Item name="agree" label="Đồng ý" rules={[{ required: true, message: 'Nhập số' }]}><InputNumber min={0} data-testid="votes-agree" /></Form.Item>
            <Form.Item name="disagree" label="Không đồng ý" initialValue={0}><InputNumber min={0} /></Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}

function ShareCard({ title, s, testId }: { title: string; s: LevelSummary; testId: string }) {
  return (
    <Card size="small" title={title} style={{ flex: '1 1 300px' }} data-testid={testId}>
      <Progress aria-label={title} percent={s.goodOrAbove.percent ?? 0} format={() => formatPercent(s.goodOrAbove.percent)} />
      <Typography.Text>Hoàn thành tốt nhiệm vụ trở lên: {formatVnNumber(s.goodOrAbove.numerator)}/{formatVnNumber(s.goodOrAbove.denominator)} đã xếp loại</Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Space wrap size={4}>
          {(['excellent', 'good', 'completed', 'failed'] as const).map((l) => <Tag key={l} color={levelColors[l]}>{GRADE_LABELS.vi[l]}: {formatVnNumber(s.counts[l])}</Tag>)}
          <Tag>Chưa quyết định: {formatVnNumber(s.pending)}</Tag>
        </Space>
      </div>
    </Card>
  );
}

function ResultsPanel({ roundId }: { roundId: number }) {
  const results = useQuery({ queryKey: gradingKeys.results(roundId), queryFn: () => fetchResults(roundId) });
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorState error={results.error} onRetry={() => results.refetch()} />;
  const r = results.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <a href={resultsXlsxUrl(roundId)}>Tải bảng kết quả (.xlsx)</a>
        <a href={roundSummaryDocxUrl(roundId)}>Tải báo cáo tổng hợp (Word)</a>
      </Space>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <ShareCard title="Tổ chức đảng (chi bộ, đảng bộ cơ sở)" s={r.orgs} testId="share-orgs" />
        <ShareCard title="Đảng viên" s={r.members} testId="share-members" />
      </div>
      {r.flagged.length > 0 && (
        <Card size="small" title="Không hoàn thành nhiệm vụ hai năm liên tiếp" style={{ marginTop: 12 }}>
          <List dataSource={r.flagged} renderItem={(f) => <List.Item>{f.name} — {f.orgName}</List.Item>} />
        </Card>
      )}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="orgId"
        scroll={{ x: 600 }}
        dataSource={r.children}
        pagination={false}
        columns={[
          { title: 'Đơn vị', dataIndex: 'orgName' },
          { title: 'Tổ chức tốt trở lên', render: (_, c) => `${c.orgs.goodOrAbove.numerator}/${c.orgs.goodOrAbove.denominator} (${formatPercent(c.orgs.goodOrAbove.percent)})` },
          { title: 'Đảng viên tốt trở lên', render: (_, c) => `${formatVnNumber(c.members.goodOrAbove.numerator)}/${formatVnNumber(c.members.goodOrAbove.denominator)} (${formatPercent(c.members.goodOrAbove.percent)})` },
          { title: 'Xuất sắc', render: (_, c) => formatVnNumber(c.members.counts.excellent) },
          { title: 'Chưa quyết định', render: (_, c) => formatVnNumber(c.members.pending + c.orgs.pending) },
        ]}
      />
    </>
  );
}
