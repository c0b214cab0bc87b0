import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCurrentUser } from '../auth/auth.api';
import { useCan } from '../auth/use-permission';
import { useLocale } from '../../app/locale';
import { OrgPicker } from '../orgs/org-picker';
import { candidateStepLabels, candidateSteps, type CandidateStep } from '../../../domain/registry/candidates';
import { EnterpriseEditModal } from './enterprise-form';
import { EventsImportModal } from './events-import-modal';
import { ReceiveTransferModal } from './receive-transfer-modal';
import {
  admitCandidate,
  createCandidate,
  fetchCandidates,
  fetchDrill,
  fetchEnterprises,
  fetchIndicators,
  fetchIntroducerOptions,
  fetchOverdue,
  indicatorLabels,
  recordStep,
  registryKeys,
  statisticsUrl,
  type Candidate,
  type Enterprise,
  type RegistryIndicator,
} from './registry.api';
import { useRegistryT } from './registry.i18n';

/**
 * Party building from the member registry: the figures of a subtree and period (each with the
 * people or organizations behind it), candidates and their admission steps, overdue reviews,
 * and the enterprise register. Every number is counted from recorded events.
 */
export function RegistryPage() {
  const { r } = useRegistryT();
  const me = useCurrentUser();
  const [orgId, setOrgId] = useState<number | undefined>(me.grants[0]?.orgId);
  const canWrite = useCan('registry.write');
  const [importing, setImporting] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const qc = useQueryClient();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
        {r('title')}
      </Typography.Title>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <OrgPicker
          value={orgId ?? null}
          onChange={(id) => setOrgId(id)}
          aria-label={r('org')}
          style={{ flex: '1 1 260px', maxWidth: 480 }}
          testId="registry-org"
        />
        {canWrite ? <Button onClick={() => setImporting(true)}>{r('importEvents')}</Button> : null}
        {canWrite ? <Button onClick={() => setReceiving(true)}>{r('receive')}</Button> : null}
      </div>
      {importing ? <EventsImportModal onClose={() => setImporting(false)} /> : null}
      {receiving ? (
        <ReceiveTransferModal
          onDone={(saved) => {
            setReceiving(false);
            // The member's list and the figures of both cells change with the transfer.
            if (saved) void qc.invalidateQueries();
          }}
        />
      ) : null}
      {orgId ? (
        <Tabs
          items={[
            { key: 'figures', label: r('tabFigures'), children: <Figures orgId={orgId} /> },
            { key: 'candidates', label: r('tabCandidates'), children: <Candidates orgId={orgId} /> },
            { key: 'overdue', label: r('tabOverdue'), children: <OverdueList orgId={orgId} /> },
            { key: 'enterprises', label: r('tabEnterprises'), children: <EnterpriseList orgId={orgId} /> },
          ]}
        />
      ) : null}
    </Space>
  );
}

function Figures({ orgId }: { orgId: number }) {
  const { r } = useRegistryT();
  const { label } = useLocale();
  const [range, setRange] = useState<[string, string]>(['2021-01-01', new Date().toISOString().slice(0, 10)]);
  const [drill, setDrill] = useState<RegistryIndicator | null>(null);
  const q = useQuery({ queryKey: registryKeys.indicators(orgId, ...range), queryFn: () => fetchIndicators(orgId, ...range) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const codes = Object.keys(indicatorLabels) as RegistryIndicator[];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <DatePicker.RangePicker
        format={DATE_FORMAT}
        allowClear={false}
        aria-label={r('period')}
        onChange={(v) => {
          const from = toIsoDate(v?.[0]);
          const to = toIsoDate(v?.[1]);
          if (from && to) setRange([from, to]);
        }}
      />
      <Typography.Text type="secondary">{r('figuresHint', { from: formatDate(range[0]), to: formatDate(range[1]) })}</Typography.Text>
      <Space wrap>
        <Typography.Text>{r('statistics')}</Typography.Text>
        <a href={statisticsUrl(orgId, ...range, 'xlsx')}>{r('downloadXlsx')}</a>
        <a href={statisticsUrl(orgId, ...range, 'docx')}>{r('downloadDocx')}</a>
      </Space>
      <List
        bordered
        dataSource={codes}
        renderItem={(code) => (
          <List.Item
            data-testid={`figure-${code}`}
            actions={[
              <Button
                key="n"
                type="link"
                onClick={() => setDrill(code)}
                // The name says what the number opens and ends with the number a person sees (WCAG 2.5.3;
                // not in brackets, which axe-core does not count as part of the name).
                aria-label={r('drillLabel', { figure: label(indicatorLabels[code]), n: formatVnNumber(q.data.figures[code] ?? 0) })}
              >
                {formatVnNumber(q.data.figures[code] ?? 0)}
              </Button>,
            ]}
          >
            <span style={{ paddingLeft: code.startsWith('admitted_') ? 16 : 0 }}>{label(indicatorLabels[code])}</span>
          </List.Item>
        )}
      />
      {drill ? <DrillModal orgId={orgId} from={range[0]} to={range[1]} indicator={drill} onClose={() => setDrill(null)} /> : null}
    </Space>
  );
}

function DrillModal(props: { orgId: number; from: string; to: string; indicator: RegistryIndicator; onClose: () => void }) {
  const { r } = useRegistryT();
  const { label } = useLocale();
  const q = useQuery({
    queryKey: registryKeys.drill(props.orgId, props.from, props.to, props.indicator),
    queryFn: () => fetchDrill(props.orgId, props.from, props.to, props.indicator),
  });
  const isPeople = props.indicator !== 'party_orgs_nse' && props.indicator !== 'union_orgs_nse';
  return (
    <Modal open title={label(indicatorLabels[props.indicator])} onCancel={props.onClose} footer={null} width={720}>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} />
      ) : (
        <Table
          size="small"
          rowKey={(x) => `${x.id}-${x.date}-${x.label}`}
          dataSource={q.data.items}
          pagination={{ pageSize: 20 }}
          scroll={{ x: true }}
          title={() => r('total', { n: formatVnNumber(q.data.total) })}
          columns={[
            {
              title: isPeople ? r('colMember') : r('org'),
              dataIndex: 'label',
              render: (v: string, x) => (isPeople ? <Link to={`/registry/members/${x.id}` as '/'}>{v}</Link> : v),
            },
            { title: r('colPlace'), dataIndex: 'orgName' },
            { title: r('date'), dataIndex: 'date', render: (v: string) => formatDate(v) },
          ]}
        />
      )}
    </Modal>
  );
}

function Candidates({ orgId }: { orgId: number }) {
  const { r } = useRegistryT();
  const { t } = useTranslation();
  const { label } = useLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const q = useQuery({ queryKey: registryKeys.candidates(orgId), queryFn: () => fetchCandidates(orgId) });
  const [adding, setAdding] = useState(false);
  const [acting, setActing] = useState<Candidate | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: registryKeys.all });
  const add = useMutation({
    mutationFn: createCandidate,
    onSuccess: () => {
      setAdding(false);
      void message.success(r('candidateAdded'));
      void refresh();
    },
    onError: (e) => onError(e),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setAdding(true)}>
        {r('addCandidate')}
      </Button>
      <Table
        rowKey="id"
        size="small"
        dataSource={q.data.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: r('fullName'), dataIndex: 'fullName' },
          { title: r('cell'), dataIndex: 'orgName' },
          {
            title: r('progress'),
            render: (_: unknown, c: Candidate) =>
              c.status === 'admitted' ? (
                <Tag color="green">{r('admittedOn', { d: formatDate(c.ceremonyDate) })}</Tag>
              ) : c.missingSteps.length === 0 ? (
                <Tag color="blue">{r('awaitingCeremony')}</Tag>
              ) : (
                <Tag>{r('nextStep', { step: label(candidateStepLabels[c.missingSteps[0]!]) })}</Tag>
              ),
          },
          {
            title: '',
            render: (_: unknown, c: Candidate) =>
              c.abilities.update ? (
                <Button size="small" onClick={() => setActing(c)}>
                  {c.missingSteps.length === 0 ? r('admit') : r('recordStep')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal open={adding} title={r('addCandidate')} onCancel={() => setAdding(false)} footer={null} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(v: {
            fullName: string;
            gender: 'male' | 'female';
            birthDate: Parameters<typeof toIsoDate>[0];
            nse?: boolean;
            orgId?: number;
          }) =>
            add.mutate({
              orgId: v.orgId ?? orgId,
              fullName: v.fullName,
              gender: v.gender,
              birthDate: toIsoDate(v.birthDate) ?? '',
              isNonStateEnterprise: !!v.nse,
            })
          }
        >
          <Form.Item name="orgId" label={r('cell')} rules={[{ required: true, message: r('pickCell') }]}>
            <OrgPicker aria-label={r('cell')} />
          </Form.Item>
          <Form.Item name="fullName" label={r('fullName')} rules={[{ required: true, message: r('enterFullName') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="gender" label={r('gender')} rules={[{ required: true, message: r('pickGender') }]}>
            <Select
              options={[
                { value: 'male', label: r('gender.male') },
                { value: 'female', label: r('gender.female') },
              ]}
            />
          </Form.Item>
          <Form.Item name="birthDate" label={r('birthDate')} rules={[{ required: true, message: r('pickBirthDate') }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="nse" label={r('nse')}>
            <Select
              options={[
                { value: false, label: t('common.no') },
                { value: true, label: t('common.yes') },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Modal>
      {acting ? (
        <StepModal
          candidate={acting}
          onSaved={async () => {
            // The row shows the next step before the dialog closes: a quick second click must
            // not open the step just recorded again, on a version that is no longer current.
            await refresh();
            setActing(null);
          }}
          onCancel={() => setActing(null)}
        />
      ) : null}
    </Space>
  );
}

function StepModal({ candidate, onSaved, onCancel }: { candidate: Candidate; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { r } = useRegistryT();
  const { label } = useLocale();
  const onError = useApiErrorHandler();
  const next: CandidateStep | 'ceremony' = candidate.missingSteps[0] ?? 'ceremony';
  const save = useMutation({
    mutationFn: (v: { date: Parameters<typeof toIsoDate>[0]; decision?: string; introducers?: number[]; code?: string }) => {
      const date = toIsoDate(v.date) ?? '';
      if (next === 'ceremony') return admitCandidate(candidate.id, { date, code: v.code ?? '', version: candidate.version });
      const introducerIds = v.introducers ?? [];
      return recordStep(candidate.id, { step: next, date, decision: v.decision ?? null, introducerIds, version: candidate.version });
    },
    onSuccess: onSaved,
    onError: (e) => onError(e),
  });
  return (
    <Modal open title={`${candidate.fullName}: ${label(candidateStepLabels[next])}`} onCancel={onCancel} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {r('steps', {
          steps: candidateSteps.map((s) => label(candidateStepLabels[s])).join(' → '),
          last: label(candidateStepLabels.ceremony),
        })}
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="date" label={r('date')} rules={[{ required: true, message: r('pickDate') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        {next === 'introduction' ? (
          <Form.Item
            name="introducers"
            label={r('introducers')}
            rules={[
              { required: true, message: r('introducersRequired') },
              { type: 'array', len: 2, message: r('introducersExactly') },
            ]}
          >
            <IntroducerPicker candidateId={candidate.id} />
          </Form.Item>
        ) : null}
        {next === 'cell_decision' || next === 'committee_decision' ? (
          <Form.Item name="decision" label={r('resolution')} rules={[{ required: true, message: r('enterDecision') }]}>
            <Input />
          </Form.Item>
        ) : null}
        {next === 'ceremony' ? (
          <Form.Item name="code" label={r('memberCode')} rules={[{ required: true, message: r('enterMemberCode') }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {next === 'ceremony' ? r('recordCeremony') : r('saveStep')}
        </Button>
      </Form>
    </Modal>
  );
}

/** The official members of the candidate's cell (the server offers only those it would accept). */
function IntroducerPicker({ candidateId, ...rest }: { candidateId: number; value?: number[]; onChange?: (v: number[]) => void }) {
  const { r } = useRegistryT();
  const q = useQuery({ queryKey: registryKeys.introducers(candidateId), queryFn: () => fetchIntroducerOptions(candidateId) });
  return (
    <Select
      {...rest}
      mode="multiple"
      maxCount={2}
      loading={q.isPending}
      aria-label={r('introducer')}
      showSearch
      optionFilterProp="label"
      options={(q.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.fullName} (${m.code})` }))}
      notFoundContent={r('noIntroducers')}
    />
  );
}

function OverdueList({ orgId }: { orgId: number }) {
  const { r } = useRegistryT();
  const q = useQuery({ queryKey: registryKeys.overdue(orgId), queryFn: () => fetchOverdue(orgId) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Card size="small" title={r('overdueTitle', { d: formatDate(q.data.asOf), n: formatVnNumber(q.data.items.length) })}>
      <Table
        rowKey="memberId"
        size="small"
        dataSource={q.data.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: r('colMember'),
            render: (_: unknown, x) => <Link to={`/registry/members/${x.memberId}` as '/'}>{`${x.fullName} (${x.code})`}</Link>,
          },
          { title: r('cell'), dataIndex: 'orgName' },
          { title: r('colAdmitted'), dataIndex: 'admittedOn', render: (v: string) => formatDate(v) },
          { title: r('colDue'), dataIndex: 'reviewDue', render: (v: string) => formatDate(v) },
          { title: r('colDaysOverdue'), dataIndex: 'daysOverdue', render: (v: number) => <Tag color="red">{formatVnNumber(v)}</Tag> },
        ]}
      />
    </Card>
  );
}

function EnterpriseList({ orgId }: { orgId: number }) {
  const { r } = useRegistryT();
  const { t } = useTranslation();
  const q = useQuery({ queryKey: registryKeys.enterprises(orgId), queryFn: () => fetchEnterprises(orgId) });
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Enterprise | null>(null);
  // A hint for the button only: the server checks registry.write on the enterprise's committee.
  const canWrite = useCan('registry.write');
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      {editing ? (
        <EnterpriseEditModal
          enterprise={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void qc.invalidateQueries({ queryKey: registryKeys.all });
          }}
        />
      ) : null}
      <Table
        rowKey="id"
        size="small"
        dataSource={q.data.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: r('colEnterprise'), dataIndex: 'name' },
          { title: r('taxCode'), dataIndex: 'taxCode' },
          { title: r('ownership'), dataIndex: 'ownership', render: (v: Enterprise['ownership']) => r(`own.${v}`) },
          { title: r('colPartyOrg'), dataIndex: 'partyOrgFounded', render: (v: string | null) => formatDate(v) || '—' },
          { title: r('colTradeUnion'), dataIndex: 'tradeUnionFounded', render: (v: string | null) => formatDate(v) || '—' },
          { title: r('colYouthUnion'), dataIndex: 'youthUnionFounded', render: (v: string | null) => formatDate(v) || '—' },
          {
            title: '',
            render: (_: unknown, e: Enterprise) =>
              canWrite ? (
                <Button size="small" onClick={() => setEditing(e)} aria-label={r('editNamed', { name: e.name })}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
