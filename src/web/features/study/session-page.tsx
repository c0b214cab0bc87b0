import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorState, Loading } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import {
  cancelSession, createMakeup, sendInvitations, createPoint, createPointsBulk, fetchPoints, fetchSession, modeLabels, reportDocxUrl, reportXlsxUrl, studyKeys, type Point,
} from './study.api';

const kindOptions = [
  { value: 'commune_committee', label: 'Đảng ủy phường, xã' },
  { value: 'district_committee', label: 'Huyện ủy, Thành ủy, Thị ủy' },
  { value: 'grassroots', label: 'Tổ chức cơ sở đảng' },
  { value: 'cell', label: 'Chi bộ' },
  { value: 'bloc_committee', label: 'Đảng ủy khối' },
];

/** One session: its facts, its bridge points with live counts, make-ups and reports. */
export function SessionPage({ id }: { id: number }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const session = useQuery({ queryKey: studyKeys.session(id), queryFn: () => fetchSession(id) });
  const points = useQuery({ queryKey: studyKeys.points(id), queryFn: () => fetchPoints(id), refetchInterval: 5000 });
  const [dialog, setDialog] = useState<'bulk' | 'point' | 'makeup' | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: studyKeys.points(id) });
    void qc.invalidateQueries({ queryKey: studyKeys.session(id) });
  };
  const invite = useMutation({
    mutationFn: () => sendInvitations(id),
    onSuccess: (r) => void message.success(r.isHeld
      ? `Đã lập ${r.queued} thư mời; chưa cấu hình máy chủ thư nên thư được giữ trong hộp thư đi.`
      : `Đã gửi ${r.queued} thư mời.`),
    onError: (e) => onError(e),
  });
  const cancel = useMutation({ mutationFn: () => cancelSession(id, session.data!.version), onSuccess: refresh, onError: (e) => onError(e, { onConflict: refresh }) });
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  const s = session.data;
  const totals = (points.data ?? []).reduce((a, p) => ({ expected: a.expected + p.counts.expected, present: a.present + p.counts.present }), { expected: 0, present: 0 });
  return (
    <div>
      <Typography.Text type="secondary"><Link to="/study">← Hội nghị học tập</Link></Typography.Text>
      <Typography.Title level={4} style={{ marginTop: 4 }}>
        {s.title} {s.makeupOf && <Tag color="purple">Học bù</Tag>} {s.status === 'cancelled' && <Tag color="red">Đã hủy</Tag>}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={reportXlsxUrl(id)}>Báo cáo Excel</Button>
        <Button icon={<DownloadOutlined />} href={reportDocxUrl(id)}>Báo cáo Word</Button>
        {s.abilities.update && s.status === 'planned' && (
          <>
            <Button onClick={() => invite.mutate()} loading={invite.isPending}>Gửi thư mời</Button>
            <Button onClick={() => setDialog('makeup')} data-testid="create-makeup">Tạo buổi học bù</Button>
            <Popconfirm title="Hủy hội nghị này?" okText="Hủy hội nghị" cancelText="Không" onConfirm={() => cancel.mutate()}>
              <Button danger>Hủy hội nghị</Button>
            </Popconfirm>
          </>
        )}
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="Đơn vị tổ chức">{s.orgName}</Descriptions.Item>
        <Descriptions.Item label="Hình thức">{modeLabels[s.mode]}</Descriptions.Item>
        <Descriptions.Item label="Thời gian">{formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}</Descriptions.Item>
        <Descriptions.Item label="Điểm danh">mở trước {s.checkinOpenMinutes} phút, đóng sau {s.checkinCloseMinutes} phút</Descriptions.Item>
        <Descriptions.Item label="Văn bản học tập" span={2}>{s.documents.map((d) => <div key={d.id}>{d.symbol} — {d.title}</div>)}</Descriptions.Item>
        {s.videoUrl && <Descriptions.Item label="Hội nghị truyền hình" span={2}><a href={s.videoUrl} target="_blank" rel="noreferrer">{s.videoUrl}</a></Descriptions.Item>}
        {s.presenters.length > 0 && <Descriptions.Item label="Báo cáo viên" span={2}>{s.presenters.map((p) => p.title ? `${p.fullName} (${p.title})` : p.fullName).join('; ')}</Descriptions.Item>}
        {s.agenda.length > 0 && <Descriptions.Item label="Chương trình" span={2}>{s.agenda.map((a, i) => <div key={i}>{a.time ? `${a.time} — ` : ''}{a.title}</div>)}</Descriptions.Item>}
        {s.materials.length > 0 && <Descriptions.Item label="Tài liệu" span={2}>{s.materials.map((m, i) => <div key={i}><a href={m.url} target="_blank" rel="noreferrer">{m.title}</a></div>)}</Descriptions.Item>}
        {s.makeupOf && <Descriptions.Item label="Học bù cho" span={2}><Link to="/study/sessions/$id" params={{ id: String(s.makeupOf) }}>{s.makeupOfTitle}</Link></Descriptions.Item>}
        {s.makeups.length > 0 && <Descriptions.Item label="Buổi học bù" span={2}>{s.makeups.map((m) => <div key={m.id}><Link to="/study/sessions/$id" params={{ id: String(m.id) }}>{m.title}</Link> ({formatDateTime(m.startsAt)})</div>)}</Descriptions.Item>}
      </Descriptions>
      <Card size="small" style={{ marginTop: 16 }}
        title={`Điểm cầu (${points.data?.length ?? 0}) — có mặt ${totals.present.toLocaleString('vi-VN')}/${totals.expected.toLocaleString('vi-VN')}`}
        extra={s.abilities.update && (
          <Space>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('point')}>Thêm điểm cầu</Button>
            <Button size="small" onClick={() => setDialog('bulk')}>Thêm hàng loạt</Button>
          </Space>
        )}>
        <Table<Point>
          size="small" rowKey="id" loading={points.isPending} dataSource={points.data} pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: 'Điểm cầu', dataIndex: 'name', render: (n: string, p) => <Space><Link to="/study/points/$id" params={{ id: String(p.id) }}>{n}</Link>{p.isMain && <Tag color="red">Điểm cầu chính</Tag>}</Space> },
            { title: 'Địa điểm', dataIndex: 'place', render: (v: string | null) => v ?? '' },
            { title: 'Dự kiến', width: 100, align: 'right', render: (_, p) => p.counts.expected.toLocaleString('vi-VN') },
            { title: 'Có mặt', width: 100, align: 'right', render: (_, p) => p.counts.present.toLocaleString('vi-VN') },
            { title: 'Có lý do', width: 90, align: 'right', render: (_, p) => p.counts.excused.toLocaleString('vi-VN') },
            { title: 'Tỷ lệ', width: 90, align: 'right', render: (_, p) => (p.counts.expected ? `${(Math.round((p.counts.present / p.counts.expected) * 1000) / 10).toLocaleString('vi-VN')}%` : '—') },
          ]}
        />
      </Card>
      {dialog === 'bulk' && <BulkDialog sessionId={id} onClose={() => setDialog(null)} onDone={(n) => { void message.success(`Đã thêm ${n} điểm cầu.`); refresh(); }} />}
      {dialog === 'point' && <PointDialog sessionId={id} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog === 'makeup' && <MakeupDialog sessionId={id} title={s.title} onClose={() => setDialog(null)} onDone={(newId) => void navigate({ to: '/study/sessions/$id', params: { id: String(newId) } })} />}
    </div>
  );
}

function BulkDialog({ sessionId, onClose, onDone }: { sessionId: number; onClose: () => void; onDone: (n: number) => void }) {
  const [form] = Form.useForm<{ underOrgId: number; kind: string; includeParent: boolean }>();
  const onError = useApiErrorHandler();
  const run = useMutation({
    mutationFn: (v: { underOrgId: number; kind: string; includeParent: boolean }) => createPointsBulk(sessionId, v),
    onSuccess: (r) => { onDone(r.created); onClose(); },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Thêm điểm cầu hàng loạt" okText="Thêm" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'commune_committee', includeParent: true }} onFinish={(v) => run.mutate(v)}>
        <Form.Item name="underOrgId" label="Dưới tổ chức" rules={[{ required: true, message: 'Hãy chọn tổ chức' }]}><OrgPicker testId="bulk-org" /></Form.Item>
        <Form.Item name="kind" label="Mỗi tổ chức loại"><Select options={kindOptions} /></Form.Item>
        <Form.Item name="includeParent" label="Cả điểm cầu tại chính tổ chức đó (điểm cầu chính)">
          <Select options={[{ value: true, label: 'Có' }, { value: false, label: 'Không' }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PointDialog({ sessionId, onClose, onDone }: { sessionId: number; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ orgId: number; name?: string; place?: string; hostName?: string }>();
  const onError = useApiErrorHandler();
  const run = useMutation({
    mutationFn: (v: { orgId: number; name?: string; place?: string; hostName?: string }) => createPoint(sessionId, v),
    onSuccess: () => { onDone(); onClose(); },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Thêm điểm cầu" okText="Thêm" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="orgId" label="Tổ chức (đảng viên trực thuộc là người dự)" rules={[{ required: true, message: 'Hãy chọn tổ chức' }]}><OrgPicker testId="point-org" /></Form.Item>
        <Form.Item name="name" label="Tên điểm cầu"><Input placeholder="Mặc định: Điểm cầu + tên tổ chức" /></Form.Item>
        <Form.Item name="place" label="Địa điểm"><Input /></Form.Item>
        <Form.Item name="hostName" label="Người phụ trách"><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function MakeupDialog({ sessionId, title, onClose, onDone }: { sessionId: number; title: string; onClose: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<{ orgId?: number; range: [Dayjs, Dayjs] }>();
  const onError = useApiErrorHandler();
  const run = useMutation({
    mutationFn: (v: { orgId?: number; range: [Dayjs, Dayjs] }) => createMakeup(sessionId, { orgId: v.orgId, startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString() }),
    onSuccess: (s) => { onClose(); onDone(s.id); },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Tạo buổi học bù" okText="Tạo" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending}>
      <Typography.Paragraph type="secondary">Buổi học bù cho «{title}»: danh sách dự gồm các đảng viên dự kiến nhưng chưa có mặt.</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ range: [dayjs().startOf('hour').add(1, 'hour'), dayjs().startOf('hour').add(3, 'hour')] }} onFinish={(v) => run.mutate(v)}>
        <Form.Item name="orgId" label="Tổ chức học bù (mặc định: đơn vị tổ chức hội nghị)"><OrgPicker testId="makeup-org" allowClear /></Form.Item>
        <Form.Item name="range" label="Thời gian" rules={[{ required: true, message: 'Hãy chọn thời gian' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} data-testid="makeup-range" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
