import dayjs from 'dayjs';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { recordableKinds } from '../../../contracts/registry';
import { eventKindLabels } from '../../../domain/registry/membership-events';
import { useLocale } from '../../app/locale';
import { recordEvent } from './registry.api';
import { useRegistryT } from './registry.i18n';

type Kind = (typeof recordableKinds)[number];
type Values = { kind: Kind; date: dayjs.Dayjs; decision: string; transferMode?: 'official' | 'temporary'; destination?: string };

/**
 * Records what happened to a member (made official, transfer out, removal…) with its date and
 * decision. A transfer out gives a code: the receiving cell enters it to take the member in,
 * so the member keeps their code wherever they go.
 */
export function RecordEventModal({ memberId, onDone }: { memberId: number; onDone: (saved: boolean) => void }) {
  const { r } = useRegistryT();
  const { label } = useLocale();
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
      void message.success(r('eventRecorded'));
      onDone(true);
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal open title={r('recordTitle')} onCancel={() => onDone(false)} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ transferMode: 'official' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={r('event')} rules={[{ required: true, message: r('pickEvent') }]}>
          <Select aria-label={r('event')} options={recordableKinds.map((k) => ({ value: k, label: label(eventKindLabels[k]) }))} />
        </Form.Item>
        {kind === 'transfer_out' ? (
          <>
            <Form.Item name="transferMode" label={r('transferMode')} rules={[{ required: true, message: r('pickTransferMode') }]}>
              <Select
                aria-label={r('transferMode')}
                options={[
                  { value: 'official', label: r('transfer.official') },
                  { value: 'temporary', label: r('transfer.temporary') },
                ]}
              />
            </Form.Item>
            <Form.Item name="destination" label={r('destination')} rules={[{ max: 200, message: r('destinationTooLong') }]}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="decision" label={r('decision')} rules={[{ required: true, message: r('enterDecision') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="date" label={r('date')} rules={[{ required: true, message: r('pickDate') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {r('recordEvent')}
        </Button>
      </Form>
    </Modal>
  );
}
