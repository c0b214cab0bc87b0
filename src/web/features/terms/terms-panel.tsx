import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, InputNumber, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { api, type Page } from '../../lib/api';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { congressModes } from '../../../contracts/terms';
import { buildOpenTermBody, type OpenTermBody, type OpenTermValues } from './open-term-form';
import { fetchOrgTerms, termsKeys, type DocumentChoice, type OrgTerms } from './terms.api';
import { useTermsT } from './terms.i18n';

type Term = OrgTerms['items'][number];
const termText = (label: string) => label.replace('-', '–');

/** An org's terms (nhiệm kỳ) with the congress that opened each, and the form to open a new one. */
export function TermsPanel({ orgId, orgName, canOpen }: { orgId: number; orgName: string; canOpen: boolean }) {
  const m = useTermsT();
  const [isOpening, setOpening] = useState(false);
  const terms = useQuery({ queryKey: termsKeys.orgTerms(orgId), queryFn: () => fetchOrgTerms(orgId) });
  return (
    <div data-testid="org-terms">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 24, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {m('terms')}
        </Typography.Title>
        {canOpen && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-term">
            {m('open')}
          </Button>
        )}
      </div>
      {terms.isPending ? (
        <Loading />
      ) : terms.isError ? (
        <ErrorState error={terms.error} onRetry={() => void terms.refetch()} />
      ) : terms.data.items.length === 0 ? (
        <EmptyState text={m('noTerms')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {terms.data.items.map((t) => (
            <TermCard key={t.id} term={t} />
          ))}
        </Space>
      )}
      {isOpening && <OpenTermModal orgId={orgId} orgName={orgName} onClose={() => setOpening(false)} />}
    </div>
  );
}

function TermCard({ term }: { term: Term }) {
  const m = useTermsT();
  const c = term.congress;
  const days =
    c === null ? '' : c.startDate === c.endDate ? formatDate(c.startDate) : `${formatDate(c.startDate)} – ${formatDate(c.endDate)}`;
  return (
    <Card
      type="inner"
      size="small"
      data-testid={`term-${term.label}`}
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {m('term', { label: termText(term.label) })}{' '}
          <Tag color={term.status === 'open' ? 'green' : 'default'}>{term.status === 'open' ? m('current') : m('closed')}</Tag>
        </span>
      }
    >
      <div>
        {term.endDate
          ? m('range', { from: formatDate(term.startDate), to: formatDate(term.endDate) })
          : m('since', { from: formatDate(term.startDate) })}
      </div>
      {c && (
        <div>
          <Typography.Text strong>{m('congress', { n: c.ordinalText, days })}</Typography.Text>
          {c.delegates !== null && <> · {m('delegatesN', { n: formatVnNumber(c.delegates) })}</>}
          {c.mode !== 'in_person' && <> · {m(`mode.${c.mode}`)}</>}
          {c.bridgePoints.length > 0 && (
            <>
              {' · '}
              {m('pointsN', { n: formatVnNumber(c.bridgePoints.length) })}: {c.bridgePoints.join(', ')}
            </>
          )}
          {c.resolution && <div>{m('adopted', { symbol: `${c.resolution.symbol} — ${c.resolution.title}` })}</div>}
        </div>
      )}
    </Card>
  );
}

type FormShape = Omit<OpenTermValues, 'startDate' | 'previousEndDate' | 'congressStart' | 'congressEnd'> & {
  startDate?: Dayjs | null;
  previousEndDate?: Dayjs | null;
  congressDays?: [Dayjs | null, Dayjs | null] | null;
};

function OpenTermModal({ orgId, orgName, onClose }: { orgId: number; orgName: string; onClose: () => void }) {
  const m = useTermsT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormShape>();
  const withCongress = Form.useWatch('withCongress', form) ?? true;
  const mode = Form.useWatch('mode', form) ?? 'in_person';
  const startYear = Form.useWatch('startYear', form);
  const endYear = Form.useWatch('endYear', form);
  const label = startYear && endYear ? `${startYear}-${endYear}` : null;
  // The congress's resolution: a resolution of this org for the new term (drafted or adopted).
  const resolutions = useQuery({
    queryKey: ['terms', 'resolutions', orgId, label],
    queryFn: () =>
      api
        .get<Page<DocumentChoice>>('/documents', { orgId, kind: 'resolution', term: label ?? undefined, pageSize: 50 })
        .then((p) => p.items),
    enabled: label !== null && withCongress,
  });
  const save = useMutation({
    mutationFn: (body: OpenTermBody) => api.post<Term>(`/orgs/${orgId}/terms`, body),
    onSuccess: (t) => {
      void message.success(m('opened', { label: termText(t.label) }));
      void qc.invalidateQueries({ queryKey: termsKeys.orgTerms(orgId) });
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  const required = (field: string) => [{ required: true, message: m('required', { field }) }];

  const onFinish = (v: FormShape) => {
    const days = v.congressDays ?? null;
    save.mutate(
      buildOpenTermBody({
        ...v,
        startDate: toIsoDate(v.startDate),
        previousEndDate: toIsoDate(v.previousEndDate),
        congressStart: toIsoDate(days?.[0]),
        congressEnd: toIsoDate(days?.[1]),
        bridgePoints: v.bridgePoints ?? [],
      }),
    );
  };

  return (
    <Modal
      open
      title={m('openTitle', { name: orgName })}
      okText={m('save')}
      cancelText={m('cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      data-testid="open-term-modal"
    >
      <Form<FormShape>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ withCongress: true, mode: 'in_person', bridgePoints: [] }}
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
          <Form.Item name="startYear" label={m('startYear')} rules={required(m('startYear'))}>
            <InputNumber min={1930} max={2200} data-testid="term-start-year" />
          </Form.Item>
          <Form.Item name="endYear" label={m('endYear')} rules={required(m('endYear'))}>
            <InputNumber min={1930} max={2200} data-testid="term-end-year" />
          </Form.Item>
          <Form.Item name="startDate" label={m('startDate')} rules={required(m('startDate'))}>
            <DatePicker format={DATE_FORMAT} id="term-start-date" />
          </Form.Item>
          <Form.Item name="previousEndDate" label={m('previousEndDate')} extra={m('previousEndHint')}>
            <DatePicker format={DATE_FORMAT} id="term-previous-end" />
          </Form.Item>
        </div>
        <Form.Item name="withCongress" label={m('withCongress')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {withCongress && (
          <>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
              <Form.Item name="ordinal" label={m('ordinal')} rules={required(m('ordinal'))} style={{ width: 140 }}>
                <InputNumber min={1} max={50} data-testid="congress-ordinal" />
              </Form.Item>
              <Form.Item name="congressDays" label={m('congressDays')} rules={required(m('congressDays'))}>
                <DatePicker.RangePicker format={DATE_FORMAT} id="congress-days" />
              </Form.Item>
              <Form.Item name="delegates" label={m('delegates')} style={{ width: 140 }}>
                <InputNumber min={1} max={100000} data-testid="congress-delegates" />
              </Form.Item>
            </div>
            <Form.Item name="mode" label={m('mode')}>
              <Select options={congressModes.map((x) => ({ value: x, label: m(`mode.${x}`) }))} data-testid="congress-mode" />
            </Form.Item>
            {mode !== 'in_person' && (
              <Form.Item name="bridgePoints" label={m('bridgePoints')} extra={m('bridgePointsHint')}>
                <Select mode="tags" open={false} suffixIcon={null} data-testid="congress-points" />
              </Form.Item>
            )}
            <Form.Item name="resolutionDocumentId" label={m('resolution')} extra={m('resolutionHint')}>
              <Select
                allowClear
                disabled={label === null}
                loading={resolutions.isFetching}
                options={(resolutions.data ?? []).map((d) => ({ value: d.id, label: `${d.symbol} — ${d.title}` }))}
                data-testid="congress-resolution"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
