import { useState } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate, formatPeriod } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { eventKindLabels } from '../../../domain/registry/membership-events';
import { useLocale } from '../../app/locale';
import { editEvent, type MembershipEvent, type Reapproval } from './registry.api';
import { useRegistryT } from './registry.i18n';

type Values = { date: dayjs.Dayjs; decision: string };

/**
 * Correcting a past event. The change is first tried without writing (a dry run): when it would
 * move a figure of an approved report of a closed period, the difference and who must
 * re-approve are shown, and only a second, explicit confirmation writes it.
 */
export function EventEditModal({ event, onDone }: { event: MembershipEvent; onDone: (saved: boolean) => void }) {
  const { r, locale } = useRegistryT();
  const { t } = useTranslation();
  const { label } = useLocale();
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
        res.reapprovals.length > 0 ? r('eventEditedReapprove', { n: formatVnNumber(res.reapprovals.length) }) : r('eventEdited'),
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
      title={r('editEvent', { kind: label(eventKindLabels[event.kind]) })}
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
        <Form.Item name="date" label={r('date')} rules={[{ required: true, message: r('pickDate') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabled={event.kind === 'transfer_in'} />
        </Form.Item>
        <Form.Item name="decision" label={r('decision')} rules={[{ required: true, message: r('enterDecision') }]}>
          <Input />
        </Form.Item>
        {pending ? (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            <Alert type="warning" showIcon message={r('movesApproved')} description={r('movesApprovedHint')} />
            <Table
              rowKey={(x) => `${x.reportId}-${x.itemId}`}
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={pending.reapprovals.flatMap((x) => x.differences.map((d) => ({ ...d, ...x })))}
              columns={[
                {
                  title: r('colReport'),
                  render: (_: unknown, x) =>
                    r('reportRef', { doc: x.documentSymbol, org: x.orgName, period: formatPeriod(x.periodKey, locale) }),
                },
                { title: r('colFigure'), dataIndex: 'figure' },
                { title: r('colBefore'), dataIndex: 'before', align: 'right', render: (v: number) => formatVnNumber(v) },
                { title: r('colAfter'), dataIndex: 'after', align: 'right', render: (v: number) => formatVnNumber(v) },
                {
                  title: r('colApprovers'),
                  render: (_: unknown, x) =>
                    `${x.approvers.people.length > 0 ? x.approvers.people.join(', ') : r('approver')} (${x.approvers.orgName})`,
                },
              ]}
            />
            <Typography.Text type="secondary">{r('oldDate', { d: formatDate(event.date) })}</Typography.Text>
          </Space>
        ) : null}
        <Space>
          {pending ? (
            <Button type="primary" danger loading={send.isPending} onClick={() => send.mutate({ values: pending.values, dryRun: false })}>
              {r('confirmEdit')}
            </Button>
          ) : (
            <Button type="primary" htmlType="submit" loading={send.isPending}>
              {t('common.save')}
            </Button>
          )}
          <Button onClick={() => onDone(false)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
