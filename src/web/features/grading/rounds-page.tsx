import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type dayjs from 'dayjs';
import { ErrorState, Loading } from '../../components/states';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCan } from '../auth/use-permission';
import { useCurrentUser } from '../auth/auth.api';
import { OrgPicker } from '../orgs/org-picker';
import { fetchRounds, gradingKeys, openRound } from './grading.api';
import { PeriodKeyInput } from './period-key-input';
import { useGradingT } from './grading.i18n';

/** Grading rounds the user oversees or is graded in; a committee opens a new one here. */
export function GradingRoundsPage() {
  const rounds = useQuery({ queryKey: gradingKeys.rounds, queryFn: fetchRounds });
  const canOpen = useCan('grading.decide');
  const me = useCurrentUser();
  const [opening, setOpening] = useState(false);
  const { g } = useGradingT();
  if (rounds.isPending) return <Loading />;
  if (rounds.isError) return <ErrorState error={rounds.error} onRetry={() => rounds.refetch()} />;
  return (
    <div style={{ maxWidth: 960 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          {g('title')}
        </Typography.Title>
        <Space wrap>
          {me.memberId && (
            <Link to="/grading/me">
              <Button>{g('mine')}</Button>
            </Link>
          )}
          {canOpen && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-round">
              {g('open')}
            </Button>
          )}
        </Space>
      </Space>
      <List
        style={{ marginTop: 12 }}
        dataSource={rounds.data}
        locale={{ emptyText: g('noRounds') }}
        renderItem={(r) => (
          <List.Item style={{ display: 'block', padding: 0, borderBlockEnd: 'none' }}>
            <Card size="small" style={{ marginBottom: 8 }} data-testid={`round-${r.id}`}>
              <Link to="/grading/rounds/$id" params={{ id: String(r.id) }}>
                <Typography.Text strong>{r.name}</Typography.Text>
              </Link>
              <div>
                <Typography.Text type="secondary">{r.orgName}</Typography.Text>
              </div>
              <Space wrap size={4} style={{ marginTop: 4 }}>
                <Tag color="geekblue">QĐ {r.legalBasis.symbol}</Tag>
                {r.isSample && <Tag>{g('sample')}</Tag>}
                <Tag>{g('selfDue', { d: formatDate(r.selfAssessDue) })}</Tag>
                <Tag>{g('decideDue', { d: formatDate(r.decideDue) })}</Tag>
                <Tag color={r.decided === r.total ? 'green' : 'orange'}>
                  {g('decidedOf', { a: formatVnNumber(r.decided), b: formatVnNumber(r.total) })}
                </Tag>
              </Space>
            </Card>
          </List.Item>
        )}
      />
      {opening && <OpenRoundDialog onClose={() => setOpening(false)} />}
    </div>
  );
}

type Values = {
  orgId: number;
  periodKind: 'quarter' | 'year' | 'term';
  periodKey: string;
  selfAssessDue: dayjs.Dayjs;
  reviewDue: dayjs.Dayjs;
  decideDue: dayjs.Dayjs;
};

function OpenRoundDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { g } = useGradingT();
  const open = useMutation({
    mutationFn: (v: Values) =>
      openRound({
        ...v,
        selfAssessDue: toIsoDate(v.selfAssessDue)!,
        reviewDue: toIsoDate(v.reviewDue)!,
        decideDue: toIsoDate(v.decideDue)!,
      }),
    onSuccess: (r) => {
      void message.success(g('opened', { orgs: formatVnNumber(r.orgs), members: formatVnNumber(r.members) }));
      void qc.invalidateQueries({ queryKey: gradingKeys.rounds });
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open
      title={g('openTitle')}
      okText={g('openOk')}
      cancelText={g('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={open.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ periodKind: 'year' }} onFinish={(v) => open.mutate(v)}>
        <Form.Item name="orgId" label={g('openOrg')} rules={[{ required: true, message: g('pickOrg') }]}>
          <OrgPicker aria-label={g('org')} testId="round-org" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="periodKind" label={g('periodKind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              onChange={() => form.setFieldValue('periodKey', undefined)}
              options={[
                { value: 'quarter', label: g('quarter') },
                { value: 'year', label: g('year') },
                { value: 'term', label: g('term') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['periodKind']}>
            {() => (
              <Form.Item name="periodKey" label={g('period')} rules={[{ required: true, message: g('pickPeriod') }]}>
                <PeriodKeyInput kind={form.getFieldValue('periodKind') ?? 'year'} />
              </Form.Item>
            )}
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="selfAssessDue" label={g('selfDueLabel')} rules={[{ required: true, message: g('pickDate') }]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="reviewDue" label={g('reviewDueLabel')} rules={[{ required: true, message: g('pickDate') }]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="decideDue" label={g('decideDueLabel')} rules={[{ required: true, message: g('pickDate') }]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
