import { App, Button, Form, Input, InputNumber, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { consultationKeys, enterConferenceComment, fetchVersion, type Workspace } from './consultation.api';

type Values = { itemKey?: string; speakerName: string; speakerTitle?: string; body: string; proposedText?: string; proposedValue?: number };

/** The secretary enters what a speaker said at the conference, on an item or on the whole draft. */
export function ConferenceForm({ workspace: ws }: { workspace: Workspace }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const latest = ws.versions.at(-1);
  const version = useQuery({
    queryKey: consultationKeys.version(latest?.id ?? 0),
    queryFn: () => fetchVersion(latest!.id),
    enabled: !!latest,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      enterConferenceComment(ws.document.id, {
        versionId: latest!.id,
        itemKey: v.itemKey ?? null,
        speakerName: v.speakerName,
        speakerTitle: v.speakerTitle ?? null,
        body: v.body,
        proposedText: v.proposedText ?? null,
        proposedValue: v.proposedValue ?? null,
      }),
    onSuccess: () => {
      void message.success('Đã ghi ý kiến phát biểu.');
      form.resetFields();
      void qc.invalidateQueries({ queryKey: consultationKeys.all });
    },
    onError: (e) => onError(e, { form }),
  });
  if (!latest) return null;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 720 }}>
      <Form.Item
        name="speakerName"
        label="Người phát biểu"
        rules={[{ required: true, whitespace: true, message: 'Hãy nhập họ tên người phát biểu.' }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="speakerTitle" label="Chức vụ, đơn vị">
        <Input />
      </Form.Item>
      <Form.Item name="itemKey" label={`Mục của dự thảo lần ${latest.versionNo} (để trống nếu góp ý chung)`}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          aria-label="Mục được góp ý"
          options={(version.data?.items ?? []).map((i) => ({ value: i.stableKey, label: i.text.slice(0, 120) }))}
        />
      </Form.Item>
      <Form.Item name="body" label="Nội dung phát biểu" rules={[{ required: true, whitespace: true, message: 'Hãy nhập nội dung góp ý.' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="proposedText" label="Đề nghị sửa thành (nếu có)">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="proposedValue" label="Giá trị đề nghị (nếu có)">
        <InputNumber decimalSeparator="," />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        Ghi ý kiến
      </Button>
    </Form>
  );
}
