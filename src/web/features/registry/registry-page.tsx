import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { DATE_FORMAT, formatDate, formatVnNumber, toIsoDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCurrentUser } from '../auth/auth.api';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { candidateStepLabels, candidateSteps, type CandidateStep } from '../../../domain/registry/candidates';
import { EnterpriseEditModal, ownershipLabels } from './enterprise-form';
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

/**
 * Party building from the member registry: the figures of a subtree and period (each with the
 * people or organizations behind it), candidates and their admission steps, overdue reviews,
 * and the enterprise register. Every number is counted from recorded events.
 */
export function RegistryPage() {
  const me = useCurrentUser();
  const [orgId, setOrgId] = useState<number | undefined>(me.grants[0]?.orgId);
  const canWrite = useCan('registry.write');
  const [importing, setImporting] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const qc = useQueryClient();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
        Công tác phát triển đảng viên
      </Typography.Title>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <OrgPicker
          value={orgId ?? null}
          onChange={(id) => setOrgId(id)}
          aria-label="Tổ chức"
          style={{ flex: '1 1 260px', maxWidth: 480 }}
          testId="registry-org"
        />
        {canWrite ? <Button onClick={() => setImporting(true)}>Nhập sự kiện từ Excel</Button> : null}
        {canWrite ? <Button onClick={() => setReceiving(true)}>Tiếp nhận sinh hoạt đảng</Button> : null}
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
            { key: 'figures', label: 'Chỉ tiêu', children: <Figures orgId={orgId} /> },
            { key: 'candidates', label: 'Quần chúng ưu tú', children: <Candidates orgId={orgId} /> },
            { key: 'overdue', label: 'Quá hạn chuyển chính thức', children: <OverdueList orgId={orgId} /> },
            { key: 'enterprises', label: 'Doanh nghiệp', children: <EnterpriseList orgId={orgId} /> },
          ]}
        />
      ) : null}
    </Space>
  );
}

function Figures({ orgId }: { orgId: number }) {
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
        aria-label="Kỳ"
        onChange={(v) => {
          const from = toIsoDate(v?.[0]);
          const to = toIsoDate(v?.[1]);
          if (from && to) setRange([from, to]);
        }}
      />
      <Typography.Text type="secondary">
        Từ {formatDate(range[0])} đến {formatDate(range[1])}. Số liệu tính từ sổ đảng viên, không nhập tay; bấm vào một số để xem danh sách.
      </Typography.Text>
      <Space wrap>
        <Typography.Text>Biểu thống kê đảng viên của kỳ:</Typography.Text>
        <a href={statisticsUrl(orgId, ...range, 'xlsx')}>Tải Excel (.xlsx)</a>
        <a href={statisticsUrl(orgId, ...range, 'docx')}>Tải Word (HD 36)</a>
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
                aria-label={`Danh sách: ${indicatorLabels[code].vi}: ${formatVnNumber(q.data.figures[code] ?? 0)}`}
              >
                {formatVnNumber(q.data.figures[code] ?? 0)}
              </Button>,
            ]}
          >
            <span style={{ paddingLeft: code.startsWith('admitted_') ? 16 : 0 }}>{indicatorLabels[code].vi}</span>
          </List.Item>
        )}
      />
      {drill ? <DrillModal orgId={orgId} from={range[0]} to={range[1]} indicator={drill} onClose={() => setDrill(null)} /> : null}
    </Space>
  );
}

function DrillModal(props: { orgId: number; from: string; to: string; indicator: RegistryIndicator; onClose: () => void }) {
  const q = useQuery({
    queryKey: registryKeys.drill(props.orgId, props.from, props.to, props.indicator),
    queryFn: () => fetchDrill(props.orgId, props.from, props.to, props.indicator),
  });
  const isPeople = props.indicator !== 'party_orgs_nse' && props.indicator !== 'union_orgs_nse';
  return (
    <Modal open title={indicatorLabels[props.indicator].vi} onCancel={props.onClose} footer={null} width={720}>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} />
      ) : (
        <Table
          size="small"
          rowKey={(r) => `${r.id}-${r.date}-${r.label}`}
          dataSource={q.data.items}
          pagination={{ pageSize: 20 }}
          scroll={{ x: true }}
          title={() => `Tổng số: ${formatVnNumber(q.data.total)}`}
          columns={[
            {
              title: isPeople ? 'Đảng viên' : 'Tổ chức',
              dataIndex: 'label',
              render: (v: string, r) => (isPeople ? <Link to={`/registry/members/${r.id}` as '/'}>{v}</Link> : v),
            },
            { title: 'Nơi', dataIndex: 'orgName' },
            { title: 'Ngày', dataIndex: 'date', render: (v: string) => formatDate(v) },
          ]}
        />
      )}
    </Modal>
  );
}

function Candidates({ orgId }: { orgId: number }) {
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
      void message.success('Đã thêm quần chúng ưu tú.');
      void refresh();
    },
    onError: (e) => onError(e),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setAdding(true)}>
        Thêm quần chúng ưu tú
      </Button>
      <Table
        rowKey="id"
        size="small"
        dataSource={q.data.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: 'Họ và tên', dataIndex: 'fullName' },
          { title: 'Chi bộ', dataIndex: 'orgName' },
          {
            title: 'Tiến độ',
            render: (_: unknown, c: Candidate) =>
              c.status === 'admitted' ? (
                <Tag color="green">Đã kết nạp {formatDate(c.ceremonyDate)}</Tag>
              ) : c.missingSteps.length === 0 ? (
                <Tag color="blue">Chờ lễ kết nạp</Tag>
              ) : (
                <Tag>Bước tiếp: {candidateStepLabels[c.missingSteps[0]!].vi}</Tag>
              ),
          },
          {
            title: '',
            render: (_: unknown, c: Candidate) =>
              c.abilities.update ? (
                <Button size="small" onClick={() => setActing(c)}>
                  {c.missingSteps.length === 0 ? 'Kết nạp' : 'Ghi bước'}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal open={adding} title="Thêm quần chúng ưu tú" onCancel={() => setAdding(false)} footer={null} destroyOnHidden>
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
          <Form.Item name="orgId" label="Chi bộ" rules={[{ required: true, message: 'Hãy chọn chi bộ' }]}>
            <OrgPicker aria-label="Chi bộ" />
          </Form.Item>
          <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, message: 'Hãy nhập họ và tên' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="gender" label="Giới tính" rules={[{ required: true, message: 'Hãy chọn giới tính' }]}>
            <Select
              options={[
                { value: 'male', label: 'Nam' },
                { value: 'female', label: 'Nữ' },
              ]}
            />
          </Form.Item>
          <Form.Item name="birthDate" label="Ngày sinh" rules={[{ required: true, message: 'Hãy chọn ngày sinh' }]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="nse" label="Làm việc trong doanh nghiệp ngoài nhà nước">
            <Select
              options={[
                { value: false, label: 'Không' },
                { value: true, label: 'Có' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            Lưu
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
    <Modal open title={`${candidate.fullName}: ${candidateStepLabels[next].vi}`} onCancel={onCancel} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        Các bước: {candidateSteps.map((s) => candidateStepLabels[s].vi).join(' → ')} → Lễ kết nạp.
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Hãy chọn ngày' }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        {next === 'introduction' ? (
          <Form.Item
            name="introducers"
            label="Hai đảng viên chính thức của chi bộ giới thiệu"
            rules={[
              { required: true, message: 'Cần hai người giới thiệu' },
              { type: 'array', len: 2, message: 'Cần đúng hai người giới thiệu' },
            ]}
          >
            <IntroducerPicker candidateId={candidate.id} />
          </Form.Item>
        ) : null}
        {next === 'cell_decision' || next === 'committee_decision' ? (
          <Form.Item
            name="decision"
            label="Số, ngày nghị quyết / quyết định"
            rules={[{ required: true, message: 'Hãy ghi số quyết định' }]}
          >
            <Input />
          </Form.Item>
        ) : null}
        {next === 'ceremony' ? (
          <Form.Item name="code" label="Mã đảng viên" rules={[{ required: true, message: 'Hãy nhập mã đảng viên' }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {next === 'ceremony' ? 'Ghi lễ kết nạp' : 'Lưu bước'}
        </Button>
      </Form>
    </Modal>
  );
}

/** The official members of the candidate's cell (the server offers only those it would accept). */
function IntroducerPicker({ candidateId, ...rest }: { candidateId: number; value?: number[]; onChange?: (v: number[]) => void }) {
  const q = useQuery({ queryKey: registryKeys.introducers(candidateId), queryFn: () => fetchIntroducerOptions(candidateId) });
  return (
    <Select
      {...rest}
      mode="multiple"
      maxCount={2}
      loading={q.isPending}
      aria-label="Người giới thiệu"
      showSearch
      optionFilterProp="label"
      options={(q.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.fullName} (${m.code})` }))}
      notFoundContent="Chi bộ chưa có đảng viên chính thức"
    />
  );
}

function OverdueList({ orgId }: { orgId: number }) {
  const q = useQuery({ queryKey: registryKeys.overdue(orgId), queryFn: () => fetchOverdue(orgId) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Card
      size="small"
      title={`Đảng viên dự bị quá hạn xét chuyển chính thức (tính đến ${formatDate(q.data.asOf)}): ${formatVnNumber(q.data.items.length)}`}
    >
      <Table
        rowKey="memberId"
        size="small"
        dataSource={q.data.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: 'Đảng viên',
            render: (_: unknown, r) => <Link to={`/registry/members/${r.memberId}` as '/'}>{`${r.fullName} (${r.code})`}</Link>,
          },
          { title: 'Chi bộ', dataIndex: 'orgName' },
          { title: 'Kết nạp', dataIndex: 'admittedOn', render: (v: string) => formatDate(v) },
          { title: 'Đến hạn', dataIndex: 'reviewDue', render: (v: string) => formatDate(v) },
          { title: 'Quá hạn (ngày)', dataIndex: 'daysOverdue', render: (v: number) => <Tag color="red">{formatVnNumber(v)}</Tag> },
        ]}
      />
    </Card>
  );
}

function EnterpriseList({ orgId }: { orgId: number }) {
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
          { title: 'Doanh nghiệp', dataIndex: 'name' },
          { title: 'Mã số thuế', dataIndex: 'taxCode' },
          { title: 'Loại hình', dataIndex: 'ownership', render: (v: keyof typeof ownershipLabels) => ownershipLabels[v] },
          { title: 'Tổ chức đảng', dataIndex: 'partyOrgFounded', render: (v: string | null) => formatDate(v) || '—' },
          { title: 'Công đoàn', dataIndex: 'tradeUnionFounded', render: (v: string | null) => formatDate(v) || '—' },
          { title: 'Đoàn thanh niên', dataIndex: 'youthUnionFounded', render: (v: string | null) => formatDate(v) || '—' },
          {
            title: '',
            render: (_: unknown, e: Enterprise) =>
              canWrite ? (
                <Button size="small" onClick={() => setEditing(e)} aria-label={`Sửa ${e.name}`}>
                  Sửa
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
