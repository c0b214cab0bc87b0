import { App, Button, Form, List, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { consultationKeys, fetchUsers, formTeam, type Workspace } from './consultation.api';
import { teamRoleLabels } from './labels';

type Values = { head: number; secretaries?: number[]; members?: number[] };

/** The editorial group; the issuing org's leadership forms it (head, secretaries, members). */
export function TeamPanel({ workspace: ws }: { workspace: Workspace }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const users = useQuery({ queryKey: ['consultation', 'users'], queryFn: fetchUsers, enabled: ws.abilities.formTeam });
  const save = useMutation({
    mutationFn: (v: Values) =>
      formTeam(ws.document.id, [
        { userId: v.head, role: 'head' as const },
        ...(v.secretaries ?? []).map((userId) => ({ userId, role: 'secretary' as const })),
        ...(v.members ?? []).map((userId) => ({ userId, role: 'member' as const })),
      ]),
    onSuccess: () => {
      void message.success('Đã lập Tổ biên tập.');
      void qc.invalidateQueries({ queryKey: consultationKeys.all });
    },
    onError: (e) => onError(e, { form }),
  });
  const options = (users.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }));
  const initial: Values | undefined =
    ws.team.length > 0
      ? {
          head: ws.team.find((t) => t.role === 'head')!.userId,
          secretaries: ws.team.filter((t) => t.role === 'secretary').map((t) => t.userId),
          members: ws.team.filter((t) => t.role === 'member').map((t) => t.userId),
        }
      : undefined;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <List
        dataSource={ws.team}
        locale={{ emptyText: 'Chưa lập Tổ biên tập.' }}
        renderItem={(m) => (
          <List.Item key={m.userId}>
            <Space wrap>
              <Typography.Text>{m.fullName}</Typography.Text>
              <Tag color={m.role === 'head' ? 'red' : m.role === 'secretary' ? 'blue' : 'default'}>{teamRoleLabels[m.role]}</Tag>
            </Space>
          </List.Item>
        )}
      />
      {ws.abilities.formTeam && (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} style={{ maxWidth: 720 }}>
          <Form.Item name="head" label="Tổ trưởng" rules={[{ required: true, message: 'Hãy chọn Tổ trưởng.' }]}>
            <Select showSearch optionFilterProp="label" options={options} loading={users.isPending} aria-label="Tổ trưởng" />
          </Form.Item>
          <Form.Item name="secretaries" label="Thư ký">
            <Select mode="multiple" optionFilterProp="label" options={options} aria-label="Thư ký" />
          </Form.Item>
          <Form.Item name="members" label="Thành viên">
            <Select mode="multiple" optionFilterProp="label" options={options} aria-label="Thành viên" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {ws.team.length > 0 ? 'Cập nhật Tổ biên tập' : 'Lập Tổ biên tập'}
          </Button>
        </Form>
      )}
    </Space>
  );
}
