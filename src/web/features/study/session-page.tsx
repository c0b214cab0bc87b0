import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorState, Loading } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { SessionFields, sessionBodyOf, sessionValuesOf, type SessionFormValues } from './session-form';
import {
  cancelSession,
  createMakeup,
  deletePoint,
  sendInvitations,
  createPoint,
  createPointsBulk,
  fetchPoints,
  fetchSession,
  reportDocxUrl,
  reportXlsxUrl,
  studyKeys,
  updatePoint,
  updateSession,
  type Point,
  type Session,
} from './study.api';
import { formatCount, useStudyT } from './study.i18n';

const bulkKinds = ['commune_committee', 'district_committee', 'grassroots', 'cell', 'bloc_committee'] as const;

/** One session: its facts, its bridge points with live counts, make-ups and reports. */
export function SessionPage({ id }: { id: number }) {
  const { s: t } = useStudyT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const session = useQuery({ queryKey: studyKeys.session(id), queryFn: () => fetchSession(id) });
  const points = useQuery({ queryKey: studyKeys.points(id), queryFn: () => fetchPoints(id), refetchInterval: 5000 });
  const [dialog, setDialog] = useState<'bulk' | 'point' | 'makeup' | 'edit' | null>(null);
  const [editingPoint, setEditingPoint] = useState<Point | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: studyKeys.points(id) });
    void qc.invalidateQueries({ queryKey: studyKeys.session(id) });
  };
  const invite = useMutation({
    mutationFn: () => sendInvitations(id),
    onSuccess: (r) => void message.success(t(r.isHeld ? 'invitesHeld' : 'invitesSent', { count: r.queued })),
    onError: (e) => onError(e),
  });
  const removePoint = useMutation({
    mutationFn: (p: Point) => deletePoint(p.id),
    onSuccess: (_r, p) => {
      void message.success(t('pointDeleted', { name: p.name }));
      refresh();
    },
    onError: (e) => onError(e, { onConflict: refresh }),
  });
  const cancel = useMutation({
    mutationFn: () => cancelSession(id, session.data!.version),
    onSuccess: refresh,
    onError: (e) => onError(e, { onConflict: refresh }),
  });
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  const s = session.data;
  const totals = (points.data ?? []).reduce(
    (a, p) => ({ expected: a.expected + p.counts.expected, present: a.present + p.counts.present }),
    { expected: 0, present: 0 },
  );
  return (
    <div>
      <Typography.Text type="secondary">
        <Link to="/study">{t('backToSessions')}</Link>
      </Typography.Text>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 4 }}>
        {s.title} {s.makeupOf && <Tag color="purple">{t('makeup')}</Tag>}{' '}
        {s.status === 'cancelled' && <Tag color="red">{t('cancelled')}</Tag>}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={reportXlsxUrl(id)}>
          {t('reportExcel')}
        </Button>
        <Button icon={<DownloadOutlined />} href={reportDocxUrl(id)}>
          {t('reportWord')}
        </Button>
        {s.abilities.update && s.status === 'planned' && (
          <>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="edit-session">
              {t('editSession')}
            </Button>
            <Button onClick={() => invite.mutate()} loading={invite.isPending}>
              {t('sendInvites')}
            </Button>
            <Button onClick={() => setDialog('makeup')} data-testid="create-makeup">
              {t('createMakeup')}
            </Button>
            <Popconfirm
              title={t('cancelSessionConfirm')}
              okText={t('cancelSession')}
              cancelText={t('no')}
              onConfirm={() => cancel.mutate()}
            >
              <Button danger>{t('cancelSession')}</Button>
            </Popconfirm>
          </>
        )}
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('hostOrg')}>{s.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('mode')}>{t(`mode.${s.mode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('time')}>
          {formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('checkin')}>
          {t('checkinWindow', { open: s.checkinOpenMinutes, close: s.checkinCloseMinutes })}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents')} span={2}>
          {s.documents.map((d) => (
            <div key={d.id}>
              {d.symbol} — {d.title}
            </div>
          ))}
        </Descriptions.Item>
        {s.videoUrl && (
          <Descriptions.Item label={t('videoConference')} span={2}>
            <a href={s.videoUrl} target="_blank" rel="noreferrer">
              {s.videoUrl}
            </a>
          </Descriptions.Item>
        )}
        {s.presenters.length > 0 && (
          <Descriptions.Item label={t('presenters')} span={2}>
            {s.presenters.map((p) => (p.title ? `${p.fullName} (${p.title})` : p.fullName)).join('; ')}
          </Descriptions.Item>
        )}
        {s.agenda.length > 0 && (
          <Descriptions.Item label={t('agenda')} span={2}>
            {s.agenda.map((a, i) => (
              <div key={i}>
                {a.time ? `${a.time} — ` : ''}
                {a.title}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {s.materials.length > 0 && (
          <Descriptions.Item label={t('materials')} span={2}>
            {s.materials.map((m, i) => (
              <div key={i}>
                <a href={m.url} target="_blank" rel="noreferrer">
                  {m.title}
                </a>
              </div>
            ))}
          </Descriptions.Item>
        )}
        {s.makeupOf && (
          <Descriptions.Item label={t('makeupFor')} span={2}>
            <Link to="/study/sessions/$id" params={{ id: String(s.makeupOf) }}>
              {s.makeupOfTitle}
            </Link>
          </Descriptions.Item>
        )}
        {s.makeups.length > 0 && (
          <Descriptions.Item label={t('makeups')} span={2}>
            {s.makeups.map((m) => (
              <div key={m.id}>
                <Link to="/study/sessions/$id" params={{ id: String(m.id) }}>
                  {m.title}
                </Link>{' '}
                ({formatDateTime(m.startsAt)})
              </div>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={t('pointsTitle', {
          count: points.data?.length ?? 0,
          present: formatCount(totals.present),
          expected: formatCount(totals.expected),
        })}
        extra={
          s.abilities.update && (
            <Space>
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('point')}>
                {t('addPoint')}
              </Button>
              <Button size="small" onClick={() => setDialog('bulk')}>
                {t('addBulk')}
              </Button>
            </Space>
          )
        }
      >
        <Table<Point>
          size="small"
          rowKey="id"
          loading={points.isPending}
          dataSource={points.data}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              title: t('point'),
              dataIndex: 'name',
              render: (n: string, p) => (
                <Space>
                  <Link to="/study/points/$id" params={{ id: String(p.id) }}>
                    {n}
                  </Link>
                  {p.isMain && <Tag color="red">{t('mainPoint')}</Tag>}
                </Space>
              ),
            },
            { title: t('place'), dataIndex: 'place', render: (v: string | null) => v ?? '' },
            { title: t('expected'), width: 100, align: 'right', render: (_, p) => formatCount(p.counts.expected) },
            { title: t('present'), width: 100, align: 'right', render: (_, p) => formatCount(p.counts.present) },
            { title: t('excusedShort'), width: 90, align: 'right', render: (_, p) => formatCount(p.counts.excused) },
            {
              title: t('rate'),
              width: 90,
              align: 'right',
              render: (_, p) =>
                p.counts.expected ? `${formatCount(Math.round((p.counts.present / p.counts.expected) * 1000) / 10)}%` : '—',
            },
            ...(s.abilities.update
              ? [
                  {
                    title: t('actions'),
                    key: 'actions',
                    width: 100,
                    render: (_: unknown, p: Point) =>
                      p.abilities.update && (
                        <Space size={4}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            aria-label={t('editPointOf', { name: p.name })}
                            title={t('edit')}
                            onClick={() => setEditingPoint(p)}
                            data-testid={`edit-point-${p.id}`}
                          />
                          <Popconfirm
                            title={t('deletePointConfirm', { name: p.name })}
                            description={t('deletePointHint')}
                            okText={t('delete')}
                            cancelText={t('cancel')}
                            okButtonProps={{ danger: true, loading: removePoint.isPending }}
                            onConfirm={() => removePoint.mutateAsync(p).catch(() => undefined)}
                          >
                            <Button
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('deletePointOf', { name: p.name })}
                              title={t('delete')}
                              data-testid={`delete-point-${p.id}`}
                            />
                          </Popconfirm>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {dialog === 'bulk' && (
        <BulkDialog
          sessionId={id}
          onClose={() => setDialog(null)}
          onDone={(n) => {
            void message.success(t('pointsAdded', { count: n }));
            refresh();
          }}
        />
      )}
      {dialog === 'point' && <PointDialog sessionId={id} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog === 'edit' && <EditSessionDrawer session={s} onClose={() => setDialog(null)} onConflict={refresh} />}
      {editingPoint && <EditPointDialog point={editingPoint} onClose={() => setEditingPoint(null)} onDone={refresh} />}
      {dialog === 'makeup' && (
        <MakeupDialog
          sessionId={id}
          title={s.title}
          onClose={() => setDialog(null)}
          onDone={(newId) => void navigate({ to: '/study/sessions/$id', params: { id: String(newId) } })}
        />
      )}
    </div>
  );
}

function BulkDialog({ sessionId, onClose, onDone }: { sessionId: number; onClose: () => void; onDone: (n: number) => void }) {
  const { s } = useStudyT();
  const [form] = Form.useForm<{ underOrgId: number; kind: string; includeParent: boolean }>();
  const onError = useApiErrorHandler();
  const run = useMutation({
    mutationFn: (v: { underOrgId: number; kind: string; includeParent: boolean }) => createPointsBulk(sessionId, v),
    onSuccess: (r) => {
      onDone(r.created);
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open
      title={s('bulkTitle')}
      okText={s('add')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'commune_committee', includeParent: true }}
        onFinish={(v) => run.mutate(v)}
      >
        <Form.Item name="underOrgId" label={s('underOrg')} rules={[{ required: true, message: s('orgRequired') }]}>
          <OrgPicker testId="bulk-org" />
        </Form.Item>
        <Form.Item name="kind" label={s('eachKind')}>
          <Select options={bulkKinds.map((k) => ({ value: k, label: s(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="includeParent" label={s('includeParent')}>
          <Select
            options={[
              { value: true, label: s('yes') },
              { value: false, label: s('no') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PointDialog({ sessionId, onClose, onDone }: { sessionId: number; onClose: () => void; onDone: () => void }) {
  const { s } = useStudyT();
  const [form] = Form.useForm<{ orgId: number; name?: string; place?: string; hostName?: string }>();
  const onError = useApiErrorHandler();
  const run = useMutation({
    mutationFn: (v: { orgId: number; name?: string; place?: string; hostName?: string }) => createPoint(sessionId, v),
    onSuccess: () => {
      onDone();
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open
      title={s('addPoint')}
      okText={s('add')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="orgId" label={s('pointOrg')} rules={[{ required: true, message: s('orgRequired') }]}>
          <OrgPicker testId="point-org" />
        </Form.Item>
        <Form.Item name="name" label={s('pointName')} rules={[{ min: 2, message: s('pointNameMin') }]}>
          <Input placeholder={s('pointNameDefault')} />
        </Form.Item>
        <Form.Item name="place" label={s('place')}>
          <Input />
        </Form.Item>
        <Form.Item name="hostName" label={s('hostName')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MakeupDialog({
  sessionId,
  title,
  onClose,
  onDone,
}: {
  sessionId: number;
  title: string;
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { s } = useStudyT();
  const [form] = Form.useForm<{ orgId?: number; range: [Dayjs, Dayjs] }>();
  const onError = useApiErrorHandler();
  const run = useMutation({
    mutationFn: (v: { orgId?: number; range: [Dayjs, Dayjs] }) =>
      createMakeup(sessionId, { orgId: v.orgId, startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString() }),
    onSuccess: (s) => {
      onClose();
      onDone(s.id);
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open
      title={s('createMakeup')}
      okText={s('create')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
    >
      <Typography.Paragraph type="secondary">{s('makeupIntro', { title })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ range: [dayjs().startOf('hour').add(1, 'hour'), dayjs().startOf('hour').add(3, 'hour')] }}
        onFinish={(v) => run.mutate(v)}
      >
        <Form.Item name="orgId" label={s('makeupOrg')}>
          <OrgPicker testId="makeup-org" allowClear />
        </Form.Item>
        <Form.Item name="range" label={s('time')} rules={[{ required: true, message: s('timeRequired') }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="DD/MM/YYYY HH:mm"
            style={{ width: '100%' }}
            data-testid="makeup-range"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Edits a session in a drawer, with the fields of the create form; the host org stays as it is. */
function EditSessionDrawer({ session, onClose, onConflict }: { session: Session; onClose: () => void; onConflict: () => void }) {
  const { s } = useStudyT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<SessionFormValues>();
  const save = useMutation({
    mutationFn: (v: SessionFormValues) =>
      updateSession(session.id, { version: session.version, ...sessionBodyOf(v), videoUrl: v.videoUrl?.trim() || null }),
    onSuccess: (next) => {
      qc.setQueryData(studyKeys.session(session.id), next);
      void qc.invalidateQueries({ queryKey: ['study', 'sessions'] });
      void message.success(s('sessionSaved'));
      onClose();
    },
    onError: (e) =>
      onError(e, {
        form,
        onConflict: () => {
          onConflict();
          onClose();
        },
      }),
  });
  return (
    <Drawer
      open
      title={s('editSession')}
      size="large"
      onClose={onClose}
      destroyOnHidden
      data-testid="edit-session-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{s('cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="edit-session-save">
            {s('save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {s('hostOrg')}: {session.orgName}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={sessionValuesOf(session)} onFinish={(v) => save.mutate(v)}>
        <SessionFields extraDocuments={session.documents} />
        {/* Enter in a text field submits the form, as in a dialog. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Drawer>
  );
}

/** Renames a bridge point or changes its place and host. */
function EditPointDialog({ point, onClose, onDone }: { point: Point; onClose: () => void; onDone: () => void }) {
  const { s } = useStudyT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ name: string; place?: string; hostName?: string }>();
  const save = useMutation({
    mutationFn: (v: { name: string; place?: string; hostName?: string }) =>
      updatePoint(point.id, {
        version: point.version,
        name: v.name.trim(),
        place: v.place?.trim() || null,
        hostName: v.hostName?.trim() || null,
      }),
    onSuccess: () => {
      void message.success(s('pointSaved'));
      onDone();
      onClose();
    },
    onError: (e) =>
      onError(e, {
        form,
        onConflict: () => {
          onDone();
          onClose();
        },
      }),
  });
  return (
    <Modal
      open
      title={s('editPoint')}
      okText={s('save')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: point.name, place: point.place ?? '', hostName: point.hostName ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={s('pointName')} rules={[{ required: true, whitespace: true, min: 2, message: s('pointNameMin') }]}>
          <Input autoFocus data-testid="edit-point-name" />
        </Form.Item>
        <Form.Item name="place" label={s('place')}>
          <Input />
        </Form.Item>
        <Form.Item name="hostName" label={s('hostName')}>
          <Input />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
