import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, List, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { EvidencePanel } from './evidence-panel';
import { useGradingT } from './grading.i18n';
import {
  levelColors,
  saveEvaluation,
  selfAssessmentDocxUrl,
  stepEvaluation,
  type Evaluation,
  type PledgeReview,
  type TaskFacts,
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
  const { g, level, status } = useGradingT();
  const refresh = () => qc.invalidateQueries({ queryKey: ['grading'] });
  // The version the server last answered: a quick "Lưu" then "Gửi" must not send the version
  // read before the save, which the server would refuse as a conflict.
  const version = useRef(e.version);
  useEffect(() => {
    version.current = Math.max(version.current, e.version);
  }, [e.version]);
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
      version.current = saved.version;
      void message.success(g('saved'));
      void refresh();
    },
    onError: (err) => onError(err, { form, onConflict: refresh }),
  });
  const send = useMutation({
    mutationFn: async () => {
      const saved = await saveEvaluation(e.id, toBody(form.getFieldsValue(true)));
      version.current = saved.version;
      return stepEvaluation(e.id, 'self-assess', { version: saved.version });
    },
    onSuccess: () => {
      void message.success(g('sent'));
      void refresh();
    },
    onError: (err) => onError(err, { form, onConflict: refresh }),
  });
  const review = new Map(e.pledgeReviews.map((r) => [r.pledgeId, r]));
  const initial: Values = {
    points: Object.fromEntries(e.sheet.criteria.map((c) => [c.key, e.points[c.key] ?? null])),
    tasks: e.tasks,
    narrative: e.narrative,
    pledges: Object.fromEntries(
      (e.evidence.pledges ?? []).map((p) => [p.pledgeId, { result: review.get(p.pledgeId)?.result, note: review.get(p.pledgeId)?.note }]),
    ),
  };
  const ev = e.evidence;
  return (
    <Card
      size="small"
      data-testid={`evaluation-${e.id}`}
      styles={{ title: { whiteSpace: 'normal' } }}
      title={
        <Space wrap size={4}>
          {e.roundName ?? e.subjectName}
          <Tag>{status(e.status)}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {g('ruleBasis', { r: e.ruleSet.name })}
        {e.selfAssessDue ? ` · ${g('selfDueShort', { d: formatDate(e.selfAssessDue) })}` : ''}
        {' · '}
        <a href={selfAssessmentDocxUrl(e.id)}>{g('docx')}</a>
      </Typography.Paragraph>
      <Descriptions size="small" column={1} bordered title={g('evidence')}>
        {ev.study && (
          <Descriptions.Item label={g('ev.attendance')}>
            {g('ev.attendanceValue', { p: ev.study.present ?? 0, e: ev.study.excused ?? 0, a: ev.study.absent ?? 0 })}
          </Descriptions.Item>
        )}
        {ev.reflections && (
          <Descriptions.Item label={g('ev.reflections')}>
            {g('ev.reflectionsValue', { t: ev.reflections.total ?? 0, a: ev.reflections.accepted ?? 0 })}
          </Descriptions.Item>
        )}
        {ev.tasks && (
          <Descriptions.Item label={g('ev.tasks')}>
            {g('ev.tasksValue', { t: ev.tasks.total ?? 0, o: ev.tasks.onTime ?? 0, l: ev.tasks.late ?? 0, d: ev.tasks.overdue ?? 0 })}
          </Descriptions.Item>
        )}
        {ev.reports && (
          <Descriptions.Item label={g('ev.reports')}>
            {g('ev.reportsValue', {
              d: ev.reports.due ?? 0,
              o: ev.reports.onTime ?? 0,
              l: ev.reports.late ?? 0,
              m: ev.reports.missing ?? 0,
            })}
          </Descriptions.Item>
        )}
        {ev.study && 'members' in ev.study && (
          <Descriptions.Item label={g('ev.study')}>
            {g('ev.studyValue', { a: formatVnNumber(ev.study.studied ?? 0), b: formatVnNumber(ev.study.members ?? 0) })}
          </Descriptions.Item>
        )}
        {ev.explanations && (
          <Descriptions.Item label={g('ev.explanations')}>
            {g('ev.explanationsValue', { t: ev.explanations.total ?? 0, o: ev.explanations.open ?? 0 })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <EvidencePanel evaluationId={e.id} subjectKind={e.subjectKind} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!editable}
        onFinish={(v) => save.mutate(v)}
        style={{ marginTop: 12 }}
      >
        <Typography.Title level={5}>{g('criteria')}</Typography.Title>
        {e.sheet.criteria.map((c) => (
          <Form.Item key={c.key} name={['points', c.key]} label={g('maxPoints', { c: c.label, n: c.maxPoints })}>
            <InputNumber min={0} max={c.maxPoints} step={0.5} decimalSeparator="," style={{ width: 140 }} data-testid={`points-${c.key}`} />
          </Form.Item>
        ))}
        <Typography.Title level={5}>{g('tasksInPeriod')}</Typography.Title>
        <Space wrap>
          {(e.subjectKind === 'member' ? (['total', 'onTime', 'late', 'overdue', 'beyond'] as const) : (['beyond'] as const)).map((k) => (
            <Form.Item key={k} name={['tasks', k]} label={g(`task.${k}`)}>
              <InputNumber min={0} style={{ width: 110 }} data-testid={`tasks-${k}`} />
            </Form.Item>
          ))}
        </Space>
        {(ev.pledges ?? []).length > 0 && <Typography.Title level={5}>{g('pledges')}</Typography.Title>}
        <List
          dataSource={ev.pledges ?? []}
          renderItem={(p) => (
            <List.Item key={p.pledgeId} style={{ display: 'block' }} data-testid={`pledge-${p.pledgeId}`}>
              <Typography.Text strong>
                {g('pledgeOf', { y: p.year })}
                {p.documentSymbol ? g('pledgeDoc', { d: p.documentSymbol }) : ''}
              </Typography.Text>
              <ol style={{ margin: '4px 0', paddingLeft: 18 }}>
                {p.commitments.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ol>
              <Form.Item name={['pledges', String(p.pledgeId), 'result']} style={{ marginBottom: 4 }}>
                <Segmented options={(['kept', 'partly', 'not_kept'] as const).map((r) => ({ value: r, label: g(`pledge.${r}`) }))} />
              </Form.Item>
              <Form.Item name={['pledges', String(p.pledgeId), 'note']} style={{ marginBottom: 0 }}>
                <Input placeholder={g('pledgeNote')} aria-label={g('pledgeNote')} />
              </Form.Item>
            </List.Item>
          )}
        />
        <Typography.Title level={5}>{g('narrative')}</Typography.Title>
        {(['strengths', 'weaknesses', 'causes', 'remedies'] as const).map((k) => (
          <Form.Item key={k} name={['narrative', k]} label={g(`n.${k}`)}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid={`narrative-${k}`} />
          </Form.Item>
        ))}
        <Alert
          type={e.sheet.reasons.length ? 'warning' : 'success'}
          showIcon
          data-testid="sheet-result"
          message={
            <>
              {g('total', { t: String(e.sheet.total).replace('.', ',') })}{' '}
              <Tag color={levelColors[e.sheet.level]}>{level(e.sheet.level)}</Tag>
            </>
          }
          description={
            e.sheet.reasons.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {e.sheet.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
        {editable && (
          <Space wrap style={{ marginTop: 12 }}>
            <Button htmlType="submit" loading={save.isPending} data-testid="save-evaluation">
              {g('save')}
            </Button>
            <Button
              type="primary"
              onClick={() => send.mutate()}
              loading={send.isPending}
              disabled={!e.abilities.selfAssess}
              data-testid="send-evaluation"
            >
              {g('send')}
            </Button>
          </Space>
        )}
      </Form>
      {(e.comment || e.proposedLevel || e.decidedLevel) && (
        <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} title={g('review')}>
          {e.comment && <Descriptions.Item label={g('cellOpinion')}>{e.comment}</Descriptions.Item>}
          {e.proposedLevel && (
            <Descriptions.Item label={g('propose')}>
              {level(e.proposedLevel)}
              {e.votes ? ` (${g('agreeOf', { a: e.votes.agree, b: e.votes.present })})` : ''}
            </Descriptions.Item>
          )}
          {e.decidedLevel && (
            <Descriptions.Item label={g('decide')}>
              <Tag color={levelColors[e.decidedLevel]}>{level(e.decidedLevel)}</Tag>
              {e.versionNo > 1 ? g('correction', { n: e.versionNo - 1, r: e.correctionReason ?? '' }) : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
