import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { eventKindLabels } from '../../../domain/registry/membership-events';
import { editEvent, type MembershipEvent, type Reapproval } from './registry.api';

type Values = { date: dayjs.Dayjs; decision: string };

/**
 * Correcting a past event. The change is first tried without writing (a dry run): when it would
 * move a figure of an approved report of a closed period, the difference and who must
 * re-approve are shown, and only a second, explicit confirmation writes it.
 */
export function EventEditModal({ event, onDone }: { event: MembershipEvent; onDone: (saved: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [pending, setPending] = useState<{ values: Values; reapprovals: Reapproval[] } | null>(null);
  type Sent = { values: Values; dryRun: boolean };
  const send = useMutation({
    mutationFn: ({ values, dryRun }: Sent) =>
      editEvent(event.id, { date: toIsoDate(values.date) ?? '', decision: values.decision, version: event.version, dryRun }),
    onSuccess: (res, { values }: Sent): void => {
      if (!res.applied) {
        // Nothing approved moves: write it straight away; else show what moves and wait for the confirmation.
        if (res.reapprovals.length === 0) save(values);
        else setPending({ values, reapprovals: res.reapprovals });
        return;
      }
      void message.success(
        res.reapprovals.length > 0
          ? `Đã sửa sự kiện; ${formatVnNumber(res.reapprovals.length)} báo cáo đã duyệt được đánh dấu cần duyệt lại.`
          : 'Đã sửa sự kiện.',
      );
      onDone(true);
    },
    onError: (e) => onError(e, { form, onConflict: () => onDone(true) }),
  });
  function save(values: Values) {
    send.mutate({ values, dryRun: false });
  }
  return (
    <Modal
      open
      title={`Sửa sự kiện: ${eventKindLabels[event.kind].vi}`}
      onCancel={() => onDone(false)}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(event.date), decision: event.decision }}
        onValuesChange={() => setPending(null)}
        onFinish={(values) => send.mutate({ values, dryRun: true })}
      >
        <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Hãy chọn ngày' }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabled={event.kind === 'transfer_in'} />
        </Form.Item>
        <Form.Item name="decision" label="Số, ngày quyết định" rules={[{ required: true, message: 'Hãy ghi số quyết định' }]}>
          <Input />
        </Form.Item>
        {pending ? (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            <Alert
              type="warning"
              showIcon
              message="Sửa sự kiện này làm thay đổi số liệu của báo cáo đã duyệt"
              description="Số liệu đã duyệt không tự thay đổi: các báo cáo dưới đây sẽ được đánh dấu cần duyệt lại, và người phê duyệt cấp trên phải duyệt lại."
            />
            <Table
              rowKey={(r) => `${r.reportId}-${r.itemId}`}
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={pending.reapprovals.flatMap((r) => r.differences.map((d) => ({ ...d, ...r })))}
              columns={[
                { title: 'Báo cáo', render: (_: unknown, r) => `${r.documentSymbol} · ${r.orgName} · kỳ ${r.periodKey}` },
                { title: 'Chỉ tiêu', dataIndex: 'figure' },
                { title: 'Trước', dataIndex: 'before', align: 'right', render: (v: number) => formatVnNumber(v) },
                { title: 'Sau', dataIndex: 'after', align: 'right', render: (v: number) => formatVnNumber(v) },
                {
                  title: 'Người phải duyệt lại',
                  render: (_: unknown, r) =>
                    `${r.approvers.people.length > 0 ? r.approvers.people.join(', ') : 'Người phê duyệt'} (${r.approvers.orgName})`,
                },
              ]}
            />
            <Typography.Text type="secondary">Ngày cũ: {formatDate(event.date)}.</Typography.Text>
          </Space>
        ) : null}
        <Space>
          {pending ? (
            <Button type="primary" danger loading={send.isPending} onClick={() => send.mutate({ values: pending.values, dryRun: false })}>
              Xác nhận sửa và đánh dấu duyệt lại
            </Button>
          ) : (
            <Button type="primary" htmlType="submit" loading={send.isPending}>
              Lưu
            </Button>
          )}
          <Button onClick={() => onDone(false)}>Hủy</Button>
        </Space>
      </Form>
    </Modal>
  );
}
