import dayjs from 'dayjs';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { recordableKinds } from '../../../contracts/registry';
import { eventKindLabels } from '../../../domain/registry/membership-events';
import { recordEvent } from './registry.api';

type Kind = (typeof recordableKinds)[number];
type Values = { kind: Kind; date: dayjs.Dayjs; decision: string; transferMode?: 'official' | 'temporary'; destination?: string };

/**
 * Records what happened to a member (made official, transfer out, removal…) with its date and
 * decision. A transfer out gives a code: the receiving cell enters it to take the member in,
 * so the member keeps their code wherever they go.
 */
export function RecordEventModal({ memberId, onDone }: { memberId: number; onDone: (saved: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      recordEvent(memberId, {
        kind: v.kind,
        date: toIsoDate(v.date) ?? '',
        decision: v.decision,
        transferMode: v.kind === 'transfer_out' ? v.transferMode : null,
        destination: v.kind === 'transfer_out' ? (v.destination ?? null) : null,
      }),
    onSuccess: () => {
      void message.success('Đã ghi sự kiện.');
      onDone(true);
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title="Ghi sự kiện sinh hoạt đảng" onCancel={() => onDone(false)} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ transferMode: 'official' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label="Sự kiện" rules={[{ required: true, message: 'Hãy chọn sự kiện' }]}>
          <Select aria-label="Sự kiện" options={recordableKinds.map((k) => ({ value: k, label: eventKindLabels[k].vi }))} />
        </Form.Item>
        {kind === 'transfer_out' ? (
          <>
            <Form.Item name="transferMode" label="Hình thức chuyển" rules={[{ required: true, message: 'Hãy chọn hình thức chuyển' }]}>
              <Select
                aria-label="Hình thức chuyển"
                options={[
                  { value: 'official', label: 'Chuyển sinh hoạt đảng chính thức' },
                  { value: 'temporary', label: 'Chuyển sinh hoạt đảng tạm thời' },
                ]}
              />
            </Form.Item>
            <Form.Item name="destination" label="Nơi đến" rules={[{ max: 200, message: 'Nơi đến dài quá 200 ký tự' }]}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="decision" label="Số, ngày quyết định" rules={[{ required: true, message: 'Hãy ghi số quyết định' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Hãy chọn ngày' }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Ghi sự kiện
        </Button>
      </Form>
    </Modal>
  );
}
