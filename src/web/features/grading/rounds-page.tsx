import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type dayjs from 'dayjs';
import { ErrorState, Loading } from '../../components/states';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCan } from '../auth/use-permission';
import { useCurrentUser } from '../auth/auth.api';
import { OrgPicker } from '../orgs/org-picker';
import { fetchRounds, gradingKeys, openRound } from './grading.api';

/** Grading rounds the user oversees or is graded in; a committee opens a new one here. */
export function GradingRoundsPage() {
  const rounds = useQuery({ queryKey: gradingKeys.rounds, queryFn: fetchRounds });
  const canOpen = useCan('grading.decide');
  const me = useCurrentUser();
  const [opening, setOpening] = useState(false);
  if (rounds.isPending) return <Loading />;
  if (rounds.isError) return <ErrorState error={rounds.error} onRetry={() => rounds.refetch()} />;
  return (
    <div style={{ maxWidth: 960 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>Đánh giá, xếp loại chất lượng</Typography.Title>
        <Space wrap>
          {me.memberId && <Link to="/grading/me"><Button>Phiếu kiểm điểm của tôi</Button></Link>}
          {canOpen && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-round">Mở đợt đánh giá</Button>}
        </Space>
      </Space>
      <List
        style={{ marginTop: 12 }}
        dataSource={rounds.data}
        locale={{ emptyText: 'Chưa có đợt đánh giá nào.' }}
        renderItem={(r) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid={`round-${r.id}`}>
            <Link to="/grading/rounds/$id" params={{ id: String(r.id) }}><Typography.Text strong>{r.name}</Typography.Text></Link>
            <div><Typography.Text type="secondary">{r.orgName}</Typography.Text></div>
            <Space wrap size={4} style={{ marginTop: 4 }}>
              <Tag color="geekblue">QĐ {r.legalBasis.symbol}</Tag>
              {r.isSample && <Tag>Dữ liệu mẫu</Tag>}
              <Tag>Tự đánh giá đến {formatDate(r.selfAssessDue)}</Tag>
              <Tag>Quyết định đến {formatDate(r.decideDue)}</Tag>
              <Tag color={r.decided === r.total ? 'green' : 'orange'}>Đã quyết định {formatVnNumber(r.decided)}/{formatVnNumber(r.total)}</Tag>
            </Space>
          </Card>
        )}
      />
      {opening && <OpenRoundDialog onClose={() => setOpening(false)} />}
    </div>
  );
}

type Values = { orgId: number; periodKind: 'quarter' | 'year' | 'term'; periodKey: string; selfAssessDue: dayjs.Dayjs; reviewDue: dayjs.Dayjs; decideDue: dayjs.Dayjs };

function OpenRoundDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const open = useMutation({
    mutationFn: (v: Values) => openRound({ ...v, selfAssessDue: toIsoDate(v.selfAssessDue)!, reviewDue: toIsoDate(v.reviewDue)!, decideDue: toIsoDate(v.decideDue)! }),
    onSuccess: (r) => {
      void message.success(`Đã mở đợt đánh giá: ${formatVnNumber(r.orgs)} tổ chức đảng, ${formatVnNumber(r.members)} đảng viên.`);
      void qc.invalidateQueries({ queryKey: gradingKeys.rounds });
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Mở đợt đánh giá, xếp loại" okText="Mở đợt" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={open.isPending}>
      <Form form={form} layout="vertical" initialValues={{ periodKind: 'year' }} onFinish={(v) => open.mutate(v)}>
        <Form.Item name="orgId" label="Cấp ủy mở đợt (đánh giá toàn bộ tổ chức, đảng viên trực thuộc)" rules={[{ required: true, message: 'Chọn tổ chức' }]}>
          <OrgPicker aria-label="Tổ chức" testId="round-org" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="periodKind" label="Loại kỳ" rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={[{ value: 'quarter', label: 'Quý' }, { value: 'year', label: 'Năm' }, { value: 'term', label: 'Nhiệm kỳ' }]} />
          </Form.Item>
          <Form.Item name="periodKey" label="Kỳ (2025, 2026-Q1, 2020-2025)" rules={[{ required: true, message: 'Nhập kỳ đánh giá' }]}>
            <Input style={{ width: 180 }} placeholder="2026-Q1" data-testid="round-period" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="selfAssessDue" label="Hạn tự đánh giá" rules={[{ required: true, message: 'Chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          <Form.Item name="reviewDue" label="Hạn nhận xét, đề xuất" rules={[{ required: true, message: 'Chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          <Form.Item name="decideDue" label="Hạn quyết định" rules={[{ required: true, message: 'Chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
