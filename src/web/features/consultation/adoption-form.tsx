import { Alert, App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { meetingModeLabels, meetingModes, type MeetingMode } from '../../../domain/consultation';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { adopt, consultationKeys, type Workspace } from './consultation.api';

type Values = {
  meetingName: string;
  meetingDate: Dayjs;
  mode: MeetingMode;
  bridgePoints?: string;
  attendance: number;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
};

/** Adoption at a conference: the meeting record and its vote; the document then takes effect. */
export function AdoptionForm({ workspace: ws }: { workspace: Workspace }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      adopt(ws.document.id, {
        meetingName: v.meetingName,
        meetingDate: toIsoDate(v.meetingDate) ?? '',
        mode: v.mode,
        bridgePoints: (v.bridgePoints ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        attendance: v.attendance,
        votesFor: v.votesFor,
        votesAgainst: v.votesAgainst ?? 0,
        votesAbstain: v.votesAbstain ?? 0,
      }),
    onSuccess: () => {
      void message.success('Văn bản đã được thông qua.');
      void qc.invalidateQueries({ queryKey: consultationKeys.all });
    },
    onError: (e) => onError(e, { form }),
  });
  const a = ws.adoption;
  if (a)
    return (
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="Hội nghị">{a.meetingName}</Descriptions.Item>
        <Descriptions.Item label="Ngày">{formatDate(a.meetingDate)}</Descriptions.Item>
        <Descriptions.Item label="Hình thức">{meetingModeLabels[a.mode]}</Descriptions.Item>
        {a.bridgePoints.length > 0 && <Descriptions.Item label="Điểm cầu">{a.bridgePoints.join('; ')}</Descriptions.Item>}
        <Descriptions.Item label="Có mặt">{formatVnNumber(a.attendance)}</Descriptions.Item>
        <Descriptions.Item label="Biểu quyết">
          Tán thành {formatVnNumber(a.votesFor)} · Không tán thành {formatVnNumber(a.votesAgainst)} · Không biểu quyết{' '}
          {formatVnNumber(a.votesAbstain)}
        </Descriptions.Item>
        <Descriptions.Item label="Bản được thông qua">Dự thảo lần {a.adoptedVersionNo}</Descriptions.Item>
      </Descriptions>
    );
  if (!ws.abilities.adopt)
    return <Alert type="info" showIcon message="Tổ trưởng hoặc Thư ký ghi kết quả hội nghị thông qua sau khi phát hành dự thảo." />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {ws.comments.undisposed > 0 && (
        <Alert type="warning" showIcon message={`Còn ${ws.comments.undisposed} ý kiến chưa xử lý; cần xử lý hết trước khi thông qua.`} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'online', votesAgainst: 0, votesAbstain: 0 }}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="meetingName"
          label="Tên hội nghị"
          rules={[{ required: true, whitespace: true, message: 'Hãy nhập tên hội nghị.' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="meetingDate" label="Ngày họp" rules={[{ required: true, message: 'Hãy chọn ngày họp.' }]}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="mode" label="Hình thức" rules={[{ required: true }]}>
          <Select options={meetingModes.map((m) => ({ value: m, label: meetingModeLabels[m] }))} aria-label="Hình thức" />
        </Form.Item>
        <Form.Item name="bridgePoints" label="Điểm cầu (mỗi dòng một điểm)">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="attendance" label="Số đại biểu có mặt" rules={[{ required: true, message: 'Hãy nhập số có mặt.' }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="votesFor" label="Tán thành" rules={[{ required: true, message: 'Hãy nhập số tán thành.' }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="votesAgainst" label="Không tán thành">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="votesAbstain" label="Không biểu quyết">
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Ghi nhận thông qua
        </Button>
      </Form>
    </Space>
  );
}
