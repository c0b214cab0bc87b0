import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { formatDate, formatDateTime, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { OrgPicker } from '../orgs/org-picker';
import { apiTokensKey, fetchApiTokens, issueApiToken, revokeApiToken, type ApiToken, type IssuedApiToken } from './api-tokens.api';
import { useTokenT } from './api-tokens.i18n';

type IssueForm = { systemName: string; orgId: number; access: 'read' | 'write'; expiresOn: dayjs.Dayjs };

const statusColor: Record<ApiToken['status'], string> = { active: 'green', expired: 'default', revoked: 'red' };

/** The token just issued, once: copy it now, the server cannot show it again. */
function IssuedTokenModal({ issued, onClose }: { issued: IssuedApiToken | null; onClose: () => void }) {
  const s = useTokenT();
  return (
    <Modal
      open={issued !== null}
      title={s('shownOnceTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {s('close')}
        </Button>
      }
      data-testid="issued-token"
    >
      {issued && (
        <>
          <Alert type="warning" showIcon title={s('shownOnce', { name: issued.systemName })} style={{ marginBottom: 16 }} />
          <Typography.Paragraph
            code
            copyable={{ text: issued.token, tooltips: [s('copy'), s('copied')] }}
            style={{ wordBreak: 'break-all', fontSize: 15 }}
            data-testid="issued-token-value"
          >
            {issued.token}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

/** Administrators issue tokens for other systems (shown once), see their use, and revoke them. */
export function ApiTokensPage() {
  const s = useTokenT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<IssueForm>();
  const [issued, setIssued] = useState<IssuedApiToken | null>(null);
  const [isBusy, setBusy] = useState(false);
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: fetchApiTokens });

  const submit = async (v: IssueForm) => {
    setBusy(true);
    try {
      setIssued(await issueApiToken({ systemName: v.systemName, orgId: v.orgId, access: v.access, expiresOn: toIsoDate(v.expiresOn)! }));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: apiTokensKey });
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: number) => {
    try {
      await revokeApiToken(id);
      void message.success(s('revoked'));
    } catch (e) {
      onError(e);
    } finally {
      void qc.invalidateQueries({ queryKey: apiTokensKey });
    }
  };

  return (
    <div style={{ maxWidth: 1100, minWidth: 0, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        <ApiOutlined /> {s('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {s('hint')}
      </Typography.Paragraph>
      <Card title={s('issueTitle')}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{ access: 'read', expiresOn: dayjs().add(1, 'year') }}
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16, alignItems: 'end' }}
          data-testid="issue-token-form"
        >
          <Form.Item
            name="systemName"
            label={s('systemName')}
            rules={[{ required: true, whitespace: true, message: s('systemNameRequired') }]}
          >
            <Input maxLength={200} placeholder="Kho dữ liệu tỉnh" />
          </Form.Item>
          <Form.Item name="orgId" label={s('org')} rules={[{ required: true, message: s('orgRequired') }]}>
            <OrgPicker aria-label={s('org')} />
          </Form.Item>
          <Form.Item name="access" label={s('access')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'read', label: s('read') },
                { value: 'write', label: s('write') },
              ]}
            />
          </Form.Item>
          <Form.Item name="expiresOn" label={s('expiresOn')} rules={[{ required: true, message: s('expiresRequired') }]}>
            <DatePicker
              format="DD/MM/YYYY"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(2, 'year'))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={isBusy} data-testid="issue-token">
              {s('issue')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card title={s('listTitle')}>
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          locale={{ emptyText: s('empty') }}
          scroll={{ x: 900 }}
          pagination={false}
          columns={[
            {
              title: s('systemName'),
              dataIndex: 'systemName',
              render: (v: string, r) => (
                <>
                  <Typography.Text strong>{v}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{r.orgName}</Typography.Text>
                </>
              ),
            },
            { title: s('access'), dataIndex: 'access', render: (v: ApiToken['access']) => s(v) },
            { title: s('token'), dataIndex: 'tokenPrefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
            {
              title: s('createdAt'),
              dataIndex: 'createdAt',
              render: (v: string, r) => (
                <>
                  {formatDate(v)}
                  {r.createdByName ? (
                    <>
                      <br />
                      <Typography.Text type="secondary">{r.createdByName}</Typography.Text>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              title: s('expiresOn'),
              dataIndex: 'expiresAt',
              render: (v: string) => formatDate(dayjs(v).subtract(1, 'second').toISOString()),
            },
            { title: s('lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : s('never')) },
            {
              title: s('status'),
              dataIndex: 'status',
              render: (v: ApiToken['status']) => <Tag color={statusColor[v]}>{s(`status.${v}`)}</Tag>,
            },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, r) =>
                r.status === 'active' && (
                  <Popconfirm
                    title={s('revokeConfirm', { name: r.systemName })}
                    okText={s('revoke')}
                    cancelText={s('cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke(r.id)}
                  >
                    <Button danger size="small">
                      {s('revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <IssuedTokenModal issued={issued} onClose={() => setIssued(null)} />
    </div>
  );
}
