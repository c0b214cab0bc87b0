import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, List, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { EvidencePanel } from './evidence-panel';
import {
  GRADE_LABELS, EVALUATION_STATUS_LABELS, levelColors, pledgeResultLabels, saveEvaluation, selfAssessmentDocxUrl, stepEvaluation,
  type Evaluation, type PledgeReview, type TaskFacts,
} from './grading.api';

type Values = {
  points: Record<string, number | null>;
  tasks: Partial<TaskFacts>;
  narrative: Evaluation['narrative'];
  pledges: Record<string, { result?: PledgeReview['result']; note?: string }>;
};

/**
 * The self-assessment (bản kiểm điểm): the evidence from the app, the score sheet with the
 * level the rules allow and why, the narrative and each pledge's review. Read-only after it
 * is sent.
 */
export function EvaluationForm({ evaluation: e }: { evaluation: Evaluation }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const refresh = () => qc.invalidateQueries({ queryKey: ['grading'] });
  // The version the server last answered: a quick "Lưu" then "Gửi" must not send the version
  // read before the save, which the server would refuse as a conflict.
  const version = useRef(e.version);
  useEffect(() => { version.current = Math.max(version.current, e.version); }, [e.version]);
  const editable = e.abilities.update;
  const toBody = (v: Values) => ({
    version: version.current,
    points: Object.fromEntries(Object.entries(v.points ?? {}).filter(([, x]) => typeof x === 'number')) as Record<string, number>,
    ...(e.subjectKind === 'member' ? { tasks: v.tasks } : { tasks: { beyond: v.tasks?.beyond ?? 0 } }),
    narrative: v.narrative,
    pledgeReviews: (e.evidence.pledges ?? [])
      .map((p) => ({ pledgeId: p.pledgeId, result: v.pledges?.[p.pledgeId]?.result, note: v.pledges?.[p.pledgeId]?.note ?? '' }))
      .filter((r): r is PledgeReview => !!r.result),
  });
  const save = useMutation({
    mutationFn: (v: Values) => saveEvaluation(e.id, toBody(v)),
    onSuccess: (saved) => {
      version.current = saved.version; void message.success('Đã lưu phiếu tự đánh giá.'); void refresh(); },
    onError: (err) => onError(err, { form, onConflict: refresh }),
  });
  const send = useMutation({
    mutationFn: async () => {
      const saved = await saveEvaluation(e.id, toBody(form.getFieldsValue(true)));
      version.current = saved.version;
      return stepEvaluation(e.id, 'self-assess', { version: saved.version });
    },
    onSuccess: () => { void message.success('Đã gửi bản tự đánh giá tới chi bộ.'); void refresh(); },
    onError: (err) => onError(err, { form, onConflict: refresh }),
  });
  const review = new Map(e.pledgeReviews.map((r) => [r.pledgeId, r]));
  const initial: Values = {
    points: Object.fromEntries(e.sheet.criteria.map((c) => [c.key, e.points[c.key] ?? null])),
    tasks: e.tasks,
    narrative: e.narrative,
    pledges: Object.fromEntries((e.evidence.pledges ?? []).map((p) => [p.pledgeId, { result: review.get(p.pledgeId)?.result, note: review.get(p.pledgeId)?.note }])),
  };
  const ev = e.evidence;
  return (
    <Card size="small" data-testid={`evaluation-${e.id}`} styles={{ title: { whiteSpace: 'normal' } }}
      title={<Space wrap size={4}>{e.roundName ?? e.subjectName}<Tag>{EVALUATION_STATUS_LABELS[e.status]}</Tag></Space>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        Theo {e.ruleSet.name}{e.selfAssessDue ? ` · hạn tự đánh giá ${formatDate(e.selfAssessDue)}` : ''}
        {' · '}<a href={selfAssessmentDocxUrl(e.id)}>Tải bản kiểm điểm (Word)</a>
      </Typography.Paragraph>
      <Descriptions size="small" column={1} bordered title="Minh chứng từ hệ thống">
        {ev.study && <Descriptions.Item label="Dự hội nghị học tập">có mặt {ev.study.present ?? 0}, vắng có lý do {ev.study.excused ?? 0}, vắng {ev.study.absent ?? 0}</Descriptions.Item>}
        {ev.reflections && <Descriptions.Item label="Bài thu hoạch">{ev.reflections.total ?? 0} bài, {ev.reflections.accepted ?? 0} bài được chấp nhận</Descriptions.Item>}
        {ev.tasks && <Descriptions.Item label="Nhiệm vụ">{ev.tasks.total} nhiệm vụ: {ev.tasks.onTime} đúng hạn, {ev.tasks.late} trễ hạn, {ev.tasks.overdue} quá hạn</Descriptions.Item>}
        {ev.reports && <Descriptions.Item label="Báo cáo định kỳ">{ev.reports.due} đến hạn: {ev.reports.onTime} đúng hạn, {ev.reports.late} trễ, {ev.reports.missing} chưa gửi</Descriptions.Item>}
        {ev.study && 'members' in ev.study && <Descriptions.Item label="Học tập nghị quyết">{formatVnNumber(ev.study.studied ?? 0)}/{formatVnNumber(ev.study.members ?? 0)} đảng viên</Descriptions.Item>}
        {ev.explanations && <Descriptions.Item label="Yêu cầu giải trình">{ev.explanations.total}, còn mở {ev.explanations.open}</Descriptions.Item>}
      </Descriptions>
      <EvidencePanel evaluationId={e.id} subjectKind={e.subjectKind} />
      <Form form={form} layout="vertical" initialValues={initial} disabled={!editable} onFinish={(v) => save.mutate(v)} style={{ marginTop: 12 }}>
        <Typography.Title level={5}>Chấm điểm theo tiêu chí</Typography.Title>
        {e.sheet.criteria.map((c) => (
          <Form.Item key={c.key} name={['points', c.key]} label={`${c.label} (tối đa ${c.maxPoints} điểm)`}>
            <InputNumber min={0} max={c.maxPoints} step={0.5} decimalSeparator="," style={{ width: 140 }} data-testid={`points-${c.key}`} />
          </Form.Item>
        ))}
        <Typography.Title level={5}>Nhiệm vụ trong kỳ</Typography.Title>
        <Space wrap>
          {(e.subjectKind === 'member' ? (['total', 'onTime', 'late', 'overdue', 'beyond'] as const) : (['beyond'] as const)).map((k) => (
            <Form.Item key={k} name={['tasks', k]} label={taskLabels[k]}><InputNumber min={0} style={{ width: 110 }} data-testid={`tasks-${k}`} /></Form.Item>
          ))}
        </Space>
        {(ev.pledges ?? []).length > 0 && <Typography.Title level={5}>Đánh giá việc thực hiện cam kết</Typography.Title>}
        <List dataSource={ev.pledges ?? []} renderItem={(p) => (
          <List.Item key={p.pledgeId} style={{ display: 'block' }} data-testid={`pledge-${p.pledgeId}`}>
            <Typography.Text strong>Cam kết năm {p.year}{p.documentSymbol ? ` thực hiện ${p.documentSymbol}` : ''}</Typography.Text>
            <ol style={{ margin: '4px 0', paddingLeft: 18 }}>{p.commitments.map((c, i) => <li key={i}>{c}</li>)}</ol>
            <Form.Item name={['pledges', String(p.pledgeId), 'result']} style={{ marginBottom: 4 }}>
              <Segmented options={(['kept', 'partly', 'not_kept'] as const).map((r) => ({ value: r, label: pledgeResultLabels[r] }))} />
            </Form.Item>
            <Form.Item name={['pledges', String(p.pledgeId), 'note']} style={{ marginBottom: 0 }}><Input placeholder="Ghi chú kết quả" /></Form.Item>
          </List.Item>
        )} />
        <Typography.Title level={5}>Bản tự kiểm điểm</Typography.Title>
        {(['strengths', 'weaknesses', 'causes', 'remedies'] as const).map((k) => (
          <Form.Item key={k} name={['narrative', k]} label={narrativeLabels[k]}><Input.TextArea autoSize={{ minRows: 2 }} data-testid={`narrative-${k}`} /></Form.Item>
        ))}
        <Alert
          type={e.sheet.reasons.length ? 'warning' : 'success'}
          showIcon
          data-testid="sheet-result"
          message={<>Tổng điểm {String(e.sheet.total).replace('.', ',')}/100 — mức quy định cho phép: <Tag color={levelColors[e.sheet.level]}>{GRADE_LABELS.vi[e.sheet.level]}</Tag></>}
          description={e.sheet.reasons.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{e.sheet.reasons.map((r) => <li key={r}>{r}</li>)}</ul> : undefined}
        />
        {editable && (
          <Space wrap style={{ marginTop: 12 }}>
            <Button htmlType="submit" loading={save.isPending} data-testid="save-evaluation">Lưu và tính điểm</Button>
            <Button type="primary" onClick={() => send.mutate()} loading={send.isPending} disabled={!e.abilities.selfAssess} data-testid="send-evaluation">Gửi tự đánh giá</Button>
          </Space>
        )}
      </Form>
      {(e.comment || e.proposedLevel || e.decidedLevel) && (
        <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} title="Nhận xét và xếp loại">
          {e.comment && <Descriptions.Item label="Ý kiến chi bộ">{e.comment}</Descriptions.Item>}
          {e.proposedLevel && <Descriptions.Item label="Đề xuất">{GRADE_LABELS.vi[e.proposedLevel]}{e.votes ? ` (${e.votes.agree}/${e.votes.present} đồng ý)` : ''}</Descriptions.Item>}
          {e.decidedLevel && <Descriptions.Item label="Quyết định"><Tag color={levelColors[e.decidedLevel]}>{GRADE_LABELS.vi[e.decidedLevel]}</Tag>{e.versionNo > 1 ? ` (điều chỉnh lần ${e.versionNo - 1}: ${e.correctionReason})` : ''}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}

const taskLabels: Record<keyof TaskFacts, string> = { total: 'Tổng số', onTime: 'Đúng hạn', late: 'Trễ hạn', overdue: 'Quá hạn', beyond: 'Vượt yêu cầu' };
const narrativeLabels = { strengths: 'Ưu điểm', weaknesses: 'Hạn chế, khuyết điểm', causes: 'Nguyên nhân', remedies: 'Hướng khắc phục' } as const;
