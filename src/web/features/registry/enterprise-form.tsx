import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, formatVnNumber, toIsoDate, formatPeriod } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { ownershipKinds } from '../../../contracts/registry';
import { updateEnterprise, type Enterprise } from './registry.api';
import { useRegistryT } from './registry.i18n';

type Values = {
  name: string;
  taxCode: string;
  ownership: Enterprise['ownership'];
  partyOrgId?: number | null;
  partyOrgFounded?: dayjs.Dayjs | null;
  tradeUnionFounded?: dayjs.Dayjs | null;
  youthUnionFounded?: dayjs.Dayjs | null;
};
const day = (v: string | null) => (v ? dayjs(v) : null);

/** Editing one enterprise of the register; the server says when approved reports must be re-approved. */
export function EnterpriseEditModal({ enterprise, onDone }: { enterprise: Enterprise; onDone: (saved: boolean) => void }) {
  const { r, locale } = useRegistryT();
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateEnterprise(enterprise.id, {
        name: v.name,
        taxCode: v.taxCode,
        ownership: v.ownership,
        partyOrgId: v.partyOrgId ?? null,
        partyOrgFounded: toIsoDate(v.partyOrgFounded),
        tradeUnionFounded: toIsoDate(v.tradeUnionFounded),
        youthUnionFounded: toIsoDate(v.youthUnionFounded),
        version: enterprise.version,
      }),
    onSuccess: (res) => {
      if (res.reapprovals.length > 0)
        modal.warning({
          title: r('reapprovalTitle', { n: formatVnNumber(res.reapprovals.length) }),
          content: res.reapprovals.map((x) => (
            <div key={x.reportId}>
              {r('reapprovalLine', {
                report: r('reportRef', { doc: x.documentSymbol, org: x.orgName, period: formatPeriod(x.periodKey, locale) }),
                changes: x.differences.map((d) => `${d.figure} ${formatVnNumber(d.before)} → ${formatVnNumber(d.after)}`).join('; '),
                approvers: x.approvers.people.join(', ') || x.approvers.orgName,
              })}
            </div>
          )),
        });
      else void message.success(r('enterpriseSaved'));
      onDone(true);
    },
    onError: (e) => onError(e, { form, onConflict: () => onDone(true) }),
  });
  return (
    <Modal open title={r('editEnterprise', { name: enterprise.name })} onCancel={() => onDone(false)} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: enterprise.name,
          taxCode: enterprise.taxCode,
          ownership: enterprise.ownership,
          partyOrgId: enterprise.partyOrgId,
          partyOrgFounded: day(enterprise.partyOrgFounded),
          tradeUnionFounded: day(enterprise.tradeUnionFounded),
          youthUnionFounded: day(enterprise.youthUnionFounded),
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={r('enterpriseName')} rules={[{ required: true, message: r('enterEnterpriseName') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="taxCode" label={r('taxCode')} rules={[{ required: true, message: r('enterTaxCode') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="ownership" label={r('ownership')} rules={[{ required: true, message: r('pickOwnership') }]}>
          <Select options={ownershipKinds.map((k) => ({ value: k, label: r(`own.${k}`) }))} />
        </Form.Item>
        <Form.Item name="partyOrgId" label={r('partyOrgIn')}>
          <OrgPicker aria-label={r('partyOrgIn')} />
        </Form.Item>
        <Form.Item name="partyOrgFounded" label={r('partyOrgFounded')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="tradeUnionFounded" label={r('tradeUnionFounded')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="youthUnionFounded" label={r('youthUnionFounded')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Modal>
  );
}
