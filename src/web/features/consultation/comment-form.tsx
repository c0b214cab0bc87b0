import { Button, Form, Input, InputNumber, Space } from 'antd';

export type CommentValues = { body: string; proposedText?: string; proposedValue?: number | null };

/** A comment with an optional proposed wording or value ("đề nghị nâng chỉ tiêu lên 9%"). */
export function CommentForm({
  onSubmit,
  isPending,
  withValue,
  submitText = 'Gửi góp ý',
}: {
  onSubmit: (v: CommentValues) => Promise<unknown>;
  isPending: boolean;
  withValue: boolean;
  submitText?: string;
}) {
  const [form] = Form.useForm<CommentValues>();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => onSubmit(v).then(() => form.resetFields())}
      style={{ maxWidth: 720 }}
      requiredMark={false}
    >
      <Form.Item name="body" label="Nội dung góp ý" rules={[{ required: true, whitespace: true, message: 'Hãy nhập nội dung góp ý.' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="proposedText" label="Đề nghị sửa thành (nếu có)">
        <Input.TextArea rows={2} />
      </Form.Item>
      {withValue && (
        <Form.Item name="proposedValue" label="Giá trị đề nghị (nếu có)">
          <InputNumber decimalSeparator="," style={{ width: 160 }} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={isPending}>
          {submitText}
        </Button>
      </Space>
    </Form>
  );
}
