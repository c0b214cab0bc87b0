import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ErrorState } from '../../components/states';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { createSession, fetchSessions, modeLabels, studyKeys, type SessionSummary } from './study.api';

/** Study sessions (hội nghị học tập, quán triệt) the user can see, and a form to plan one. */
export function SessionsPage() {
  const [when, setWhen] = useState<'all' | 'upcoming' | 'past'>('all');
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const canWrite = useCan('study.write');
  const q = { when, page, pageSize: 20 };
  const list = useQuery({ queryKey: studyKeys.sessions(q), queryFn: () => fetchSessions(q) });
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>Hội nghị học tập, quán triệt</Typography.Title>
        <Space>
          <Segmented value={when} onChange={(v) => { setWhen(v as typeof when); setPage(1); }}
            options={[{ value: 'all', label: 'Tất cả' }, { value: 'upcoming', label: 'Sắp diễn ra' }, { value: 'past', label: 'Đã diễn ra' }]} />
          {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>Tạo hội nghị</Button>}
        </Space>
      </Space>
      {list.isError ? <ErrorState error={list.error} onRetry={() => list.refetch()} /> : (
        <Table<SessionSummary>
          style={{ marginTop: 16 }} rowKey="id" loading={list.isPending} dataSource={list.data?.items}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: 'Hội nghị', dataIndex: 'title', render: (t: string, r) => (
              <Space direction="vertical" size={0}>
                <Link to="/study/sessions/$id" params={{ id: String(r.id) }}>{t}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.documents.map((d) => d.symbol).join(', ')}</Typography.Text>
              </Space>
            ) },
            { title: 'Đơn vị tổ chức', dataIndex: 'orgName', width: 220 },
            { title: 'Thời gian', dataIndex: 'startsAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: 'Hình thức', dataIndex: 'mode', width: 150, render: (m: SessionSummary['mode'], r) => (
              <Space size={4} wrap>
                <Tag>{modeLabels[m]}</Tag>
                {r.makeupOf && <Tag color="purple">Học bù</Tag>}
                {r.status === 'cancelled' && <Tag color="red">Đã hủy</Tag>}
                {r.isSample && <Tag>Dữ liệu mẫu</Tag>}
              </Space>
            ) },
            { title: 'Điểm cầu', dataIndex: 'pointCount', width: 90, align: 'right', render: (n: number) => n.toLocaleString('vi-VN') },
            { title: 'Có mặt', dataIndex: 'presentCount', width: 100, align: 'right', render: (n: number) => n.toLocaleString('vi-VN') },
          ]}
        />
      )}
      {isCreating && <CreateSessionModal onClose={() => setCreating(false)} />}
    </div>
  );
}

type FormValues = { orgId: number; title: string; documentIds: number[]; mode: 'online' | 'in_person' | 'hybrid'; range: [Dayjs, Dayjs]; videoUrl?: string; presenters?: string };

function CreateSessionModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const docs = useQuery({
    queryKey: ['study', 'doc-options'],
    queryFn: () => api.get<{ items: { id: number; symbol: string; title: string }[] }>('/documents', { pageSize: 200 }),
  });
  const create = useMutation({
    mutationFn: (v: FormValues) => createSession({
      orgId: v.orgId, title: v.title, documentIds: v.documentIds, mode: v.mode,
      startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString(), videoUrl: v.videoUrl || undefined,
      presenters: (v.presenters ?? '').split('\n').map((p) => p.trim()).filter(Boolean).map((fullName) => ({ fullName })),
    }),
    onSuccess: (s) => {
      onClose();
      void navigate({ to: '/study/sessions/$id', params: { id: String(s.id) } });
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Tạo hội nghị học tập" okText="Tạo" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} width={640}>
      <Form form={form} layout="vertical" initialValues={{ mode: 'online' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="orgId" label="Đơn vị tổ chức" rules={[{ required: true, message: 'Hãy chọn đơn vị tổ chức' }]}>
          <OrgPicker testId="session-org" />
        </Form.Item>
        <Form.Item name="title" label="Tên hội nghị" rules={[{ required: true, message: 'Hãy nhập tên hội nghị' }]}>
          <Input placeholder="Hội nghị trực tuyến học tập, quán triệt Nghị quyết…" />
        </Form.Item>
        <Form.Item name="documentIds" label="Văn bản học tập" rules={[{ required: true, message: 'Hãy chọn văn bản' }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" loading={docs.isFetching}
            options={(docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.symbol} — ${d.title}` }))} />
        </Form.Item>
        <Form.Item name="mode" label="Hình thức">
          <Segmented options={[{ value: 'online', label: 'Trực tuyến' }, { value: 'in_person', label: 'Trực tiếp' }, { value: 'hybrid', label: 'Kết hợp' }]} />
        </Form.Item>
        <Form.Item name="range" label="Thời gian" rules={[{ required: true, message: 'Hãy chọn thời gian' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="videoUrl" label="Đường dẫn hội nghị truyền hình" help="Ứng dụng không phát video; điểm cầu dùng hệ thống hội nghị truyền hình sẵn có.">
          <Input placeholder="https://" />
        </Form.Item>
        <Form.Item name="presenters" label="Báo cáo viên (mỗi dòng một người)">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
