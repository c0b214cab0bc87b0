import dayjs from 'dayjs';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { DATE_FORMAT, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { updateEnterprise, type Enterprise } from './registry.api';

export const ownershipLabels = { state: 'Nhà nước', non_state: 'Ngoài nhà nước', foreign: 'Có vốn đầu tư nước ngoài' } as const;

type Values = {
  name: string;
  taxCode: string;
  ownership: keyof typeof ownershipLabels;
  partyOrgId?: number | null;
  partyOrgFounded?: dayjs.Dayjs | null;
  tradeUnionFounded?: dayjs.Dayjs | null;
  youthUnionFounded?: dayjs.Dayjs | null;
};
const day = (v: string | null) => (v ? dayjs(v) : null);

/** Editing one enterprise of the register; the server says when approved reports must be re-approved. */
export function EnterpriseEditModal({ enterprise, onDone }: { enterprise: Enterprise; onDone: (saved: boolean) => void }) {
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
          title: `${formatVnNumber(res.reapprovals.length)} báo cáo đã duyệt cần duyệt lại`,
          content: res.reapprovals.map((r) => (
            <div key={r.reportId}>
              {r.documentSymbol} · {r.orgName} · kỳ {r.periodKey}:{' '}
              {r.differences.map((d) => `${d.figure} ${formatVnNumber(d.before)} → ${formatVnNumber(d.after)}`).join('; ')} (người duyệt:{' '}
              {r.approvers.people.join(', ') || r.approvers.orgName})
            </div>
          )),
        });
      else void message.success('Đã lưu doanh nghiệp.');
      onDone(true);
    },
    onError: (e) => onError(e, { form, onConflict: () => onDone(true) }),
  });
  return (
    <Modal open title={`Sửa doanh nghiệp: ${enterprise.name}`} onCancel={() => onDone(false)} footer={null} destroyOnHidden>
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
        <Form.Item name="name" label="Tên doanh nghiệp" rules={[{ required: true, message: 'Hãy nhập tên doanh nghiệp' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="taxCode" label="Mã số thuế" rules={[{ required: true, message: 'Hãy nhập mã số thuế' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="ownership" label="Loại hình" rules={[{ required: true, message: 'Hãy chọn loại hình' }]}>
          <Select options={Object.entries(ownershipLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="partyOrgId" label="Tổ chức đảng trong doanh nghiệp">
          <OrgPicker aria-label="Tổ chức đảng trong doanh nghiệp" />
        </Form.Item>
        <Form.Item name="partyOrgFounded" label="Ngày thành lập tổ chức đảng">
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="tradeUnionFounded" label="Ngày thành lập Công đoàn">
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="youthUnionFounded" label="Ngày thành lập Đoàn thanh niên">
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu
        </Button>
      </Form>
    </Modal>
  );
}
