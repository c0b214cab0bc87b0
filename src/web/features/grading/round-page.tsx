import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, formatVnNumber } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  fetchEvaluations,
  fetchResults,
  fetchRound,
  formatPercent,
  gradingKeys,
  levelColors,
  resultsXlsxUrl,
  roundSummaryDocxUrl,
  stepEvaluation,
  type Evaluation,
  type GradeLevel,
  type LevelSummary,
} from './grading.api';
import { EvaluationForm } from './evaluation-form';
import { useGradingT } from './grading.i18n';

/** One round: the review list (comment, proposal, decision) and the results dashboard. */
export function GradingRoundPage({ id }: { id: number }) {
  const round = useQuery({ queryKey: gradingKeys.round(id), queryFn: () => fetchRound(id) });
  const { g } = useGradingT();
  if (round.isPending) return <Loading />;
  if (round.isError) return <ErrorState error={round.error} onRetry={() => round.refetch()} />;
  const r = round.data;
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }}>
        {r.name}
      </Typography.Title>
      <Space wrap size={4}>
        <Tag>{r.orgName}</Tag>
        <Tag color="geekblue">QĐ {r.ruleSet.legalBasis.symbol}</Tag>
        <Tag>{g('selfDue', { d: formatDate(r.selfAssessDue) })}</Tag>
        <Tag>{g('reviewDue', { d: formatDate(r.reviewDue) })}</Tag>
        <Tag>{g('decideDue', { d: formatDate(r.decideDue) })}</Tag>
        {r.isSample && <Tag>{g('sample')}</Tag>}
      </Space>
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          { key: 'review', label: g('tabReview'), children: <ReviewList roundId={id} /> },
          { key: 'results', label: g('tabResults'), children: <ResultsPanel roundId={id} /> },
        ]}
      />
    </div>
  );
}

function ReviewList({ roundId }: { roundId: number }) {
  const [subjectKind, setSubjectKind] = useState<'member' | 'org'>('member');
  const list = useQuery({
    queryKey: [...gradingKeys.evaluations(roundId), subjectKind],
    queryFn: () => fetchEvaluations(roundId, { subjectKind }),
  });
  const [acting, setActing] = useState<{ e: Evaluation; step: 'comment' | 'propose' | 'decide' } | null>(null);
  const [viewing, setViewing] = useState<Evaluation | null>(null);
  const { g, level, status } = useGradingT();
  return (
    <>
      <Select
        aria-label={g('kindOfSubject')}
        value={subjectKind}
        onChange={setSubjectKind}
        style={{ width: 200, marginBottom: 8 }}
        options={[
          { value: 'member', label: g('members') },
          { value: 'org', label: g('orgs') },
        ]}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <List
          dataSource={list.data.items}
          locale={{ emptyText: g('noEvaluations') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          renderItem={(e) => (
            <List.Item
              data-testid={`review-${e.id}`}
              actions={[
                <Button key="v" size="small" onClick={() => setViewing(e)}>
                  {g('view')}
                </Button>,
                ...(e.abilities.comment
                  ? [
                      <Button key="c" size="small" onClick={() => setActing({ e, step: 'comment' })} data-testid={`comment-${e.id}`}>
                        {g('comment')}
                      </Button>,
                    ]
                  : []),
                ...(e.abilities.propose
                  ? [
                      <Button key="p" size="small" onClick={() => setActing({ e, step: 'propose' })} data-testid={`propose-${e.id}`}>
                        {g('propose')}
                      </Button>,
                    ]
                  : []),
                ...(e.abilities.decide
                  ? [
                      <Button
                        key="d"
                        size="small"
                        type="primary"
                        onClick={() => setActing({ e, step: 'decide' })}
                        data-testid={`decide-${e.id}`}
                      >
                        {g('decide')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={e.subjectName}
                description={
                  <Space wrap size={4}>
                    <span>{e.orgName}</span>
                    <Tag>{status(e.status)}</Tag>
                    {e.score !== null && <Tag>{g('points', { n: String(e.score).replace('.', ',') })}</Tag>}
                    {e.status !== 'draft' && <Tag color={levelColors[e.sheet.level]}>{g('ruleAllows', { l: level(e.sheet.level) })}</Tag>}
                    {e.proposedLevel && <Tag>{g('proposed', { l: level(e.proposedLevel) })}</Tag>}
                    {e.decidedLevel && <Tag color={levelColors[e.decidedLevel]}>{g('decided', { l: level(e.decidedLevel) })}</Tag>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {acting && <StepDialog evaluation={acting.e} step={acting.step} onClose={() => setActing(null)} />}
      {viewing && (
        <Modal open width={820} footer={null} onCancel={() => setViewing(null)} title={viewing.subjectName}>
          <EvaluationForm evaluation={viewing} />
        </Modal>
      )}
    </>
  );
}

type StepValues = { comment?: string; level?: GradeLevel; present?: number; agree?: number; disagree?: number };

function StepDialog({
  evaluation: e,
  step,
  onClose,
}: {
  evaluation: Evaluation;
  step: 'comment' | 'propose' | 'decide';
  onClose: () => void;
}) {
  const [form] = Form.useForm<StepValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { g, level } = useGradingT();
  const act = useMutation({
    mutationFn: (v: StepValues) =>
      stepEvaluation(e.id, step, {
        version: e.version,
        ...(step === 'comment' ? { comment: v.comment } : { level: v.level }),
        ...(step === 'propose' || v.present !== undefined
          ? { votes: { present: v.present ?? 0, agree: v.agree ?? 0, disagree: v.disagree ?? 0 } }
          : {}),
      }),
    onSuccess: () => {
      void message.success(g('recorded'));
      void qc.invalidateQueries({ queryKey: ['grading'] });
      onClose();
    },
    onError: (err) =>
      onError(err, {
        form,
        onConflict: () => {
          void qc.invalidateQueries({ queryKey: ['grading'] });
          onClose();
        },
      }),
  });
  const allowed = (['excellent', 'good', 'completed', 'failed'] as const).filter(
    (l) => ['excellent', 'good', 'completed', 'failed'].indexOf(l) >= ['excellent', 'good', 'completed', 'failed'].indexOf(e.sheet.level),
  );
  return (
    <Modal
      open
      title={`${g(`step.${step}`)}: ${e.subjectName}`}
      okText={g('record')}
      cancelText={g('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={act.isPending}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={g('score')}>{e.score === null ? '—' : String(e.score).replace('.', ',')}</Descriptions.Item>
        <Descriptions.Item label={g('allowedLevel')}>
          <Tag color={levelColors[e.sheet.level]}>{level(e.sheet.level)}</Tag>
        </Descriptions.Item>
        {e.proposedLevel && (
          <Descriptions.Item label={g('cellProposed')}>
            {level(e.proposedLevel)}
            {e.votes ? ` (${g('agreeOf', { a: e.votes.agree, b: e.votes.present })})` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ level: e.proposedLevel ?? e.sheet.level }}>
        {step === 'comment' ? (
          <Form.Item name="comment" label={g('opinion')} rules={[{ required: true, message: g('opinionRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="step-comment" />
          </Form.Item>
        ) : (
          <Form.Item name="level" label={g('level')} rules={[{ required: true }]}>
            <Select data-testid="step-level" options={allowed.map((l) => ({ value: l, label: level(l) }))} />
          </Form.Item>
        )}
        {step === 'propose' && (
          <Space wrap>
            <Form.Item name="present" label={g('present')} rules={[{ required: true, message: g('enterNumber') }]}>
              <InputNumber min={0} data-testid="votes-present" />
            </Form.Item>
            <Form.Item name="agree" label={g('agree')} rules={[{ required: true, message: g('enterNumber') }]}>
              <InputNumber min={0} data-testid="votes-agree" />
            </Form.Item>
            <Form.Item name="disagree" label={g('disagree')} initialValue={0}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}

function ShareCard({ title, s, testId }: { title: string; s: LevelSummary; testId: string }) {
  const { g, level } = useGradingT();
  return (
    <Card size="small" title={title} style={{ flex: '1 1 300px' }} data-testid={testId}>
      <Progress aria-label={title} percent={s.goodOrAbove.percent ?? 0} format={() => formatPercent(s.goodOrAbove.percent)} />
      <Typography.Text>
        {g('goodOrAbove', { a: formatVnNumber(s.goodOrAbove.numerator), b: formatVnNumber(s.goodOrAbove.denominator) })}
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Space wrap size={4}>
          {(['excellent', 'good', 'completed', 'failed'] as const).map((l) => (
            <Tag key={l} color={levelColors[l]}>
              {level(l)}: {formatVnNumber(s.counts[l])}
            </Tag>
          ))}
          <Tag>{g('pending', { n: formatVnNumber(s.pending) })}</Tag>
        </Space>
      </div>
    </Card>
  );
}

function ResultsPanel({ roundId }: { roundId: number }) {
  const results = useQuery({ queryKey: gradingKeys.results(roundId), queryFn: () => fetchResults(roundId) });
  const { g } = useGradingT();
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorState error={results.error} onRetry={() => results.refetch()} />;
  const r = results.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <a href={resultsXlsxUrl(roundId)}>{g('xlsx')}</a>
        <a href={roundSummaryDocxUrl(roundId)}>{g('summaryDocx')}</a>
      </Space>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <ShareCard title={g('orgsCard')} s={r.orgs} testId="share-orgs" />
        <ShareCard title={g('members')} s={r.members} testId="share-members" />
      </div>
      {r.flagged.length > 0 && (
        <Card size="small" title={g('flagged')} style={{ marginTop: 12 }}>
          <List
            dataSource={r.flagged}
            renderItem={(f) => (
              <List.Item>
                {f.name} — {f.orgName}
              </List.Item>
            )}
          />
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
          { title: g('unit'), dataIndex: 'orgName' },
          {
            title: g('orgsGood'),
            render: (_, c) =>
              `${c.orgs.goodOrAbove.numerator}/${c.orgs.goodOrAbove.denominator} (${formatPercent(c.orgs.goodOrAbove.percent)})`,
          },
          {
            title: g('membersGood'),
            render: (_, c) =>
              `${formatVnNumber(c.members.goodOrAbove.numerator)}/${formatVnNumber(c.members.goodOrAbove.denominator)} (${formatPercent(c.members.goodOrAbove.percent)})`,
          },
          { title: g('excellent'), render: (_, c) => formatVnNumber(c.members.counts.excellent) },
          { title: g('undecided'), render: (_, c) => formatVnNumber(c.members.pending + c.orgs.pending) },
        ]}
      />
    </>
  );
}
