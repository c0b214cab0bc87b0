import { useState } from 'react';
import { App, Alert, Button, Card, Form, Input, InputNumber, List, Modal, Result, Segmented, Space, Tag, Typography, Upload } from 'antd';
import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  createPledge,
  fetchMyStudy,
  REFLECTION_FILE_ACCEPT,
  REFLECTION_FILE_MAX_MB,
  reflectionColors,
  reflectionFileProblem,
  rewriteReflection,
  statusColors,
  studyKeys,
  updatePledge,
  uploadReflection,
  writeReflection,
  type AttendanceStatus,
  type MyStudy,
  type Pledge,
} from './study.api';
import { useStudyT } from './study.i18n';
import { formatVnNumber } from '../../../domain/vn-number';

/**
 * A member's own page, usable on a phone: what to study, their sessions and check-ins, their
 * reflections (write or upload, rewrite when asked) and personal pledges with their yearly
 * self-review.
 */
export function MyStudyPage() {
  const { s } = useStudyT();
  const me = useQuery({ queryKey: studyKeys.me, queryFn: fetchMyStudy });
  const [writing, setWriting] = useState<{ documentId: number; reflectionId?: number; version?: number; body?: string } | null>(null);
  const [pledging, setPledging] = useState<number | null>(null);
  const [reviewing, setReviewing] = useState<Pledge | null>(null);
  if (me.isPending) return <Loading />;
  // An account not linked to a member (an office worker, an administrator) has no study page:
  // say so plainly rather than offer a retry that cannot help.
  if (me.isError && me.error instanceof ApiError && me.error.status === 403) {
    return <Result status="info" title={s('myStudy')} subTitle={me.error.message} />;
  }
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const d = me.data;
  const reflectionOf = (docId: number) => d.reflections.find((r) => r.documentId === docId);
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }}>
        {s('myStudy')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {s('comradeLine', { name: d.member.fullName, code: d.member.code, org: d.member.orgName })}
      </Typography.Paragraph>
      <Card size="small" title={s('toStudy')} data-testid="my-documents">
        <List
          itemLayout="vertical"
          dataSource={d.documents}
          locale={{ emptyText: s('noDocuments') }}
          renderItem={(doc) => {
            const r = reflectionOf(doc.id);
            return (
              <List.Item
                actions={[
                  ...(!r || r.abilities.edit
                    ? [
                        <Button
                          key="w"
                          size="small"
                          onClick={() => setWriting({ documentId: doc.id, reflectionId: r?.id, version: r?.version, body: r?.body })}
                        >
                          {r ? s('rewriteReflection') : s('writeReflection')}
                        </Button>,
                      ]
                    : []),
                  ...(!doc.hasPledge
                    ? [
                        <Button key="p" size="small" onClick={() => setPledging(doc.id)}>
                          {s('pledge')}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  title={`${doc.symbol} — ${doc.title}`}
                  description={
                    <Space wrap size={4}>
                      {doc.studiedOn ? (
                        <Tag color="green">{s('studiedOn', { day: formatDate(doc.studiedOn) })}</Tag>
                      ) : (
                        <Tag color="red">{s('notStudied')}</Tag>
                      )}
                      {doc.reflectionStatus && (
                        <Tag color={reflectionColors[doc.reflectionStatus]}>
                          {s('reflectionStatus', { status: s(`rf.${doc.reflectionStatus}`) })}
                        </Tag>
                      )}
                      {doc.hasPledge && <Tag color="blue">{s('pledged')}</Tag>}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      <Card size="small" title={s('mySessions')} style={{ marginTop: 12 }}>
        <List
          dataSource={d.sessions}
          locale={{ emptyText: s('noSessions') }}
          renderItem={(x) => {
            const status = x.status as AttendanceStatus | null;
            return (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      {x.title}
                      {x.isMakeup && <Tag color="purple">{s('makeup')}</Tag>}
                    </Space>
                  }
                  description={
                    <>
                      {formatDateTime(x.startsAt)}
                      {x.pointName ? ` — ${x.pointName}` : ''}
                      {x.place ? `, ${x.place}` : ''}
                      <div>
                        {status ? <Tag color={statusColors[status]}>{s(`att.${status}`)}</Tag> : <Tag>{s('notCheckedIn')}</Tag>}
                        {x.videoUrl && (
                          <a href={x.videoUrl} target="_blank" rel="noreferrer">
                            {s('joinOnline')}
                          </a>
                        )}
                      </div>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      <Card size="small" title={s('reflections')} style={{ marginTop: 12 }}>
        <List
          dataSource={d.reflections}
          locale={{ emptyText: s('noMyReflections') }}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {r.documentTitle}
                    <Tag color={reflectionColors[r.status]}>{s(`rf.${r.status}`)}</Tag>
                  </Space>
                }
                description={
                  <>
                    {r.status === 'rewrite' && r.reviewNote && (
                      <Alert type="warning" showIcon message={s('cellAsks', { note: r.reviewNote })} style={{ marginBottom: 8 }} />
                    )}
                    {r.body && <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>{r.body}</Typography.Paragraph>}
                    {r.fileName && (
                      <Typography.Text data-testid={`reflection-file-${r.documentId}`}>
                        <PaperClipOutlined /> {r.fileName}
                      </Typography.Text>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={s('pledges')} style={{ marginTop: 12 }}>
        <List
          dataSource={d.pledges}
          locale={{ emptyText: s('noPledges') }}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button key="r" size="small" icon={<EditOutlined />} onClick={() => setReviewing(p)} data-testid={`self-review-${p.id}`}>
                  {p.selfReview ? s('editSelfReview') : s('writeSelfReview')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={s('pledgeYear', { year: p.year, title: p.documentTitle })}
                description={
                  <>
                    <ol style={{ margin: 0, paddingLeft: 18 }}>
                      {p.commitments.map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ol>
                    {p.selfReview && (
                      <div style={{ marginTop: 8 }}>
                        <Typography.Text strong>{s('selfReviewOf', { year: p.year })}: </Typography.Text>
                        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{p.selfReview}</Typography.Text>
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {writing && <ReflectionDialog state={writing} documents={d.documents} onClose={() => setWriting(null)} />}
      {pledging && <PledgeDialog documentId={pledging} onClose={() => setPledging(null)} />}
      {reviewing && <SelfReviewDialog pledge={reviewing} onClose={() => setReviewing(null)} />}
    </div>
  );
}

type ReflectionValues = { body?: string; file?: File; note?: string };

/** Writes a reflection here, or hands it in as a file (a scan of a handwritten page, a Word file). */
function ReflectionDialog({
  state,
  documents,
  onClose,
}: {
  state: { documentId: number; reflectionId?: number; version?: number; body?: string };
  documents: MyStudy['documents'];
  onClose: () => void;
}) {
  const { s } = useStudyT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<ReflectionValues>();
  const [how, setHow] = useState<'write' | 'file'>('write');
  const doc = documents.find((x) => x.id === state.documentId);
  const save = useMutation({
    mutationFn: (v: ReflectionValues) => {
      if (how === 'file') return uploadReflection(state.documentId, v.file!, v.note?.trim() || undefined);
      return state.reflectionId
        ? rewriteReflection(state.reflectionId, { version: state.version!, body: v.body! })
        : writeReflection({ documentId: state.documentId, body: v.body! });
    },
    onSuccess: () => {
      void message.success(s('reflectionSubmitted'));
      void qc.invalidateQueries({ queryKey: studyKeys.me });
      onClose();
    },
    onError: (e) =>
      onError(e, {
        form,
        onConflict: () => {
          void qc.invalidateQueries({ queryKey: studyKeys.me });
          onClose();
        },
      }),
  });
  // The file is checked here, before it is sent: a phone on a slow line should not upload
  // 40 MB only to hear that the type is wrong.
  const checkFile = (_: unknown, f?: File) => {
    if (!f) return Promise.reject(new Error(s('fileRequired')));
    const problem = reflectionFileProblem(f);
    return problem ? Promise.reject(new Error(s(problem, { mb: REFLECTION_FILE_MAX_MB }))) : Promise.resolve();
  };
  return (
    <Modal
      open
      title={s('reflectionOf', { symbol: doc?.symbol ?? '' })}
      okText={s('submitReflection')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width="min(680px, 96vw)"
      destroyOnHidden
    >
      <Segmented
        block
        value={how}
        onChange={(v) => setHow(v as 'write' | 'file')}
        style={{ marginBottom: 12 }}
        data-testid="reflection-how"
        options={[
          { value: 'write', label: s('writeOnline') },
          { value: 'file', label: s('uploadFile') },
        ]}
      />
      <Form form={form} layout="vertical" initialValues={{ body: state.body ?? '' }} onFinish={(v) => save.mutate(v)}>
        {how === 'write' ? (
          <Form.Item
            name="body"
            label={s('reflectionBody')}
            rules={[{ required: true, whitespace: true, min: 50, message: s('reflectionMin') }]}
          >
            <Input.TextArea rows={10} aria-label={s('reflectionBodyAria')} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="file"
              label={s('reflectionFile')}
              required
              rules={[{ validator: checkFile }]}
              extra={s('fileHelp', { mb: REFLECTION_FILE_MAX_MB })}
            >
              <FilePick label={s('chooseFile')} />
            </Form.Item>
            <Form.Item name="note" label={s('fileNote')}>
              <Input.TextArea rows={3} maxLength={50_000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** One file, kept in the form (not sent until the form is): a button and the chosen file's name and size. */
function FilePick({ value, onChange, label }: { value?: File; onChange?: (f: File) => void; label: string }) {
  return (
    <Space orientation="vertical" size={4}>
      <Upload
        accept={REFLECTION_FILE_ACCEPT}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          onChange?.(f);
          return false;
        }}
      >
        <Button icon={<PaperClipOutlined />} data-testid="reflection-file-pick">
          {label}
        </Button>
      </Upload>
      {value && (
        <Typography.Text data-testid="reflection-file-name">
          <PaperClipOutlined /> {value.name} ({formatVnNumber(value.size / 1024 / 1024)} MB)
        </Typography.Text>
      )}
    </Space>
  );
}

function PledgeDialog({ documentId, onClose }: { documentId: number; onClose: () => void }) {
  const { s } = useStudyT();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ year: number; commitments: string }>();
  const save = useMutation({
    mutationFn: (v: { year: number; commitments: string }) =>
      createPledge({
        documentId,
        year: v.year,
        commitments: v.commitments
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: studyKeys.me });
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open
      title={s('pledgeTitle')}
      okText={s('save')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="year" label={s('year')}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="commitments"
          label={s('commitmentsLines')}
          rules={[{ required: true, whitespace: true, message: s('commitmentsRequired') }]}
        >
          <Input.TextArea rows={5} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The member's review, at the year's end, of how they kept their pledge (for the yearly grading). */
function SelfReviewDialog({ pledge, onClose }: { pledge: Pledge; onClose: () => void }) {
  const { s } = useStudyT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ selfReview: string }>();
  const save = useMutation({
    mutationFn: (v: { selfReview: string }) => updatePledge(pledge.id, { version: pledge.version, selfReview: v.selfReview.trim() }),
    onSuccess: () => {
      void message.success(s('selfReviewSaved'));
      void qc.invalidateQueries({ queryKey: studyKeys.me });
      onClose();
    },
    onError: (e) =>
      onError(e, {
        form,
        onConflict: () => {
          void qc.invalidateQueries({ queryKey: studyKeys.me });
          onClose();
        },
      }),
  });
  return (
    <Modal
      open
      title={s('selfReviewOf', { year: pledge.year })}
      okText={s('save')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width="min(640px, 96vw)"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{pledge.documentTitle}</Typography.Paragraph>
      <ol style={{ paddingLeft: 18 }}>
        {pledge.commitments.map((c, i) => (
          <li key={i}>{c}</li>
        ))}
      </ol>
      <Form form={form} layout="vertical" initialValues={{ selfReview: pledge.selfReview ?? '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="selfReview"
          label={s('selfReviewLabel')}
          rules={[
            { required: true, whitespace: true, message: s('selfReviewRequired') },
            { max: 5000, message: s('selfReviewMax') },
          ]}
        >
          <Input.TextArea rows={6} autoFocus aria-label={s('selfReviewLabel')} data-testid="self-review-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
