import { useState } from 'react';
import { Button, Form, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { SessionFields, sessionBodyOf, type SessionFormValues } from './session-form';
import { createSession, fetchSessions, studyKeys, type SessionSummary } from './study.api';
import { formatCount, useStudyT } from './study.i18n';

/** Study sessions (hội nghị học tập, quán triệt) the user can see, and a form to plan one. */
export function SessionsPage() {
  const { s } = useStudyT();
  const [when, setWhen] = useState<'all' | 'upcoming' | 'past'>('all');
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const canWrite = useCan('study.write');
  const q = { when, page, pageSize: 20 };
  const list = useQuery({ queryKey: studyKeys.sessions(q), queryFn: () => fetchSessions(q) });
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          {s('sessionsTitle')}
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={when}
            onChange={(v) => {
              setWhen(v as typeof when);
              setPage(1);
            }}
            options={[
              { value: 'all', label: s('all') },
              { value: 'upcoming', label: s('upcoming') },
              { value: 'past', label: s('past') },
            ]}
          />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {s('createSession')}
            </Button>
          )}
        </Space>
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<SessionSummary>
          style={{ marginTop: 16 }}
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: s('session'),
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Link to="/study/sessions/$id" params={{ id: String(r.id) }}>
                    {t}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.documents.map((d) => d.symbol).join(', ')}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: s('hostOrg'), dataIndex: 'orgName', width: 220 },
            { title: s('time'), dataIndex: 'startsAt', width: 170, render: (v: string) => formatDateTime(v) },
            {
              title: s('mode'),
              dataIndex: 'mode',
              width: 150,
              render: (m: SessionSummary['mode'], r) => (
                <Space size={4} wrap>
                  <Tag>{s(`mode.${m}`)}</Tag>
                  {r.makeupOf && <Tag color="purple">{s('makeup')}</Tag>}
                  {r.status === 'cancelled' && <Tag color="red">{s('cancelled')}</Tag>}
                  {r.isSample && <Tag>{s('sample')}</Tag>}
                </Space>
              ),
            },
            { title: s('point'), dataIndex: 'pointCount', width: 90, align: 'right', render: (n: number) => formatCount(n) },
            { title: s('present'), dataIndex: 'presentCount', width: 100, align: 'right', render: (n: number) => formatCount(n) },
          ]}
        />
      )}
      {isCreating && <CreateSessionModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateSessionModal({ onClose }: { onClose: () => void }) {
  const { s } = useStudyT();
  const [form] = Form.useForm<SessionFormValues & { orgId: number }>();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const create = useMutation({
    mutationFn: (v: SessionFormValues & { orgId: number }) =>
      createSession({ orgId: v.orgId, ...sessionBodyOf(v), videoUrl: v.videoUrl?.trim() || undefined }),
    onSuccess: (created) => {
      onClose();
      void navigate({ to: '/study/sessions/$id', params: { id: String(created.id) } });
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open
      title={s('createSessionTitle')}
      okText={s('create')}
      cancelText={s('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'online' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="orgId" label={s('hostOrg')} rules={[{ required: true, message: s('hostOrgRequired') }]}>
          <OrgPicker testId="session-org" />
        </Form.Item>
        <SessionFields />
      </Form>
    </Modal>
  );
}
