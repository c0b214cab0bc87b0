import dayjs from 'dayjs';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { receiveTransfer } from './registry.api';

type Values = { code: string; orgId: number; date: dayjs.Dayjs; decision: string };

/**
 * The receiving cell takes a member in by the code on the transfer paper: the code is the
 * proof, so the member need not be in the receiver's scope before (another province's cell).
 */
export function ReceiveTransferModal({ onDone }: { onDone: (saved: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const save = useMutation({
    mutationFn: (v: Values) => receiveTransfer({ code: v.code, orgId: v.orgId, date: toIsoDate(v.date) ?? '', decision: v.decision }),
    onSuccess: () => {
      void message.success('Đã tiếp nhận sinh hoạt đảng.');
      onDone(true);
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Tiếp nhận sinh hoạt đảng" onCancel={() => onDone(false)} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label="Mã chuyển sinh hoạt"
          rules={[
            { required: true, message: 'Hãy nhập mã chuyển sinh hoạt' },
            { pattern: /^[A-Za-z0-9]{10}$/, message: 'Mã chuyển sinh hoạt gồm 10 chữ và số.' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="orgId" label="Chi bộ tiếp nhận" rules={[{ required: true, message: 'Hãy chọn chi bộ tiếp nhận' }]}>
          <OrgPicker aria-label="Chi bộ tiếp nhận" testId="receive-org" />
        </Form.Item>
        <Form.Item name="decision" label="Số, ngày quyết định" rules={[{ required: true, message: 'Hãy ghi số quyết định' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Hãy chọn ngày' }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Tiếp nhận
        </Button>
      </Form>
    </Modal>
  );
}
