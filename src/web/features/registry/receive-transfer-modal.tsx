import dayjs from 'dayjs';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { receiveTransfer } from './registry.api';
import { useRegistryT } from './registry.i18n';

type Values = { code: string; orgId: number; date: dayjs.Dayjs; decision: string };

/**
 * The receiving cell takes a member in by the code on the transfer paper: the code is the
 * proof, so the member need not be in the receiver's scope before (another province's cell).
 */
export function ReceiveTransferModal({ onDone }: { onDone: (saved: boolean) => void }) {
  const { r } = useRegistryT();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const save = useMutation({
    mutationFn: (v: Values) => receiveTransfer({ code: v.code, orgId: v.orgId, date: toIsoDate(v.date) ?? '', decision: v.decision }),
    onSuccess: () => {
      void message.success(r('received'));
      onDone(true);
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title={r('receive')} onCancel={() => onDone(false)} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label={r('transferCode')}
          rules={[
            { required: true, message: r('enterTransferCode') },
            { pattern: /^[A-Za-z0-9]{10}$/, message: r('transferCodeShape') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="orgId" label={r('receivingCell')} rules={[{ required: true, message: r('pickReceivingCell') }]}>
          <OrgPicker aria-label={r('receivingCell')} testId="receive-org" />
        </Form.Item>
        <Form.Item name="decision" label={r('decision')} rules={[{ required: true, message: r('enterDecision') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="date" label={r('date')} rules={[{ required: true, message: r('pickDate') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {r('receiveAction')}
        </Button>
      </Form>
    </Modal>
  );
}
