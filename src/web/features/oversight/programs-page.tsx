import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import {
  addEntry,
  createInspection,
  createProgram,
  fetchEntryLinkOptions,
  fetchProgram,
  fetchPrograms,
  oversightKeys,
  type ProgramEntry,
} from './oversight.api';
import { useOversightT } from './oversight.i18n';
import { LinkPicker } from './link-picker';
import { EditEntryButton, ENTRY_LINK_FIELDS } from './entry-edit-button';

/** The yearly programs in scope; a commission writes a new one here. */
export function ProgramsPage() {
  const { o } = useOversightT();
  const navigate = useNavigate();
  const canWrite = useCan('inspections.write');
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const [isOpen, setOpen] = useState(false);
  const programs = useQuery({ queryKey: oversightKeys.programs(), queryFn: () => fetchPrograms() });
  const create = useMutation({
    mutationFn: createProgram,
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['oversight'] });
      setOpen(false);
      void navigate({ to: '/oversight/programs/$id', params: { id: String(p.id) } });
    },
    onError: (e) => onError(e, { form }),
  });
  if (programs.isPending) return <Loading />;
  if (programs.isError) return <ErrorState error={programs.error} />;
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
          {o('programs')}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="new-program">
            {o('newProgram')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={programs.data}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: o('number'),
            dataIndex: 'symbol',
            render: (v: string, r) => (
              <Link to="/oversight/programs/$id" params={{ id: String(r.id) }}>
                {v}
              </Link>
            ),
          },
          {
            title: o('title'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <>
                {v} {r.isSample && <Tag>{o('sample')}</Tag>}
              </>
            ),
          },
          {
            title: o('issuer'),
            dataIndex: 'orgName',
            render: (v: string, r) => `${r.body === 'inspection_commission' ? 'UBKT ' : ''}${v}`,
          },
          { title: o('year'), dataIndex: 'year', width: 80 },
          { title: o('entries'), dataIndex: 'entryCount', width: 90, align: 'right' },
        ]}
      />
      <Modal
        open={isOpen}
        title={o('newProgram')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={o('save')}
        cancelText={o('cancel')}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ body: 'inspection_commission', year: new Date().getFullYear() }}
          onFinish={(v: { orgId: number; body: 'committee' | 'inspection_commission'; year: number; title: string }) => create.mutate(v)}
        >
          <Form.Item name="orgId" label={o('committee')} rules={[{ required: true }]}>
            <OrgPicker aria-label={o('committee')} testId="program-org" />
          </Form.Item>
          <Form.Item name="body" label={o('issuer')}>
            <Select
              options={[
                { value: 'inspection_commission', label: o('commission') },
                { value: 'committee', label: o('committee') },
              ]}
            />
          </Form.Item>
          <Form.Item name="year" label={o('year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="title" label={o('title')} rules={[{ required: true }]}>
            <Input data-testid="program-title" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

type EntryForm = {
  kind: string;
  basis: string;
  content: string;
  theme: string;
  subjectOrgId: number;
  subjectMemberIds?: number[];
  documentIds?: number[];
  itemIds?: number[];
  taskIds?: number[];
  period: [Dayjs, Dayjs];
  responsibleBody: string;
};

/** One program: its entries, adding one, and starting the inspection of an entry's subject. */
export function ProgramPage({ id }: { id: number }) {
  const { o, kind, basis, body } = useOversightT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canWrite = useCan('inspections.write');
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<EntryForm>();
  const [isOpen, setOpen] = useState(false);
  const subjectOrgId = Form.useWatch('subjectOrgId', form);
  const program = useQuery({ queryKey: oversightKeys.program(id), queryFn: () => fetchProgram(id) });
  const add = useMutation({
    mutationFn: (v: EntryForm) =>
      addEntry(id, {
        version: program.data!.version,
        kind: v.kind,
        basis: v.basis,
        content: v.content,
        theme: v.theme,
        subjectOrgIds: [v.subjectOrgId],
        subjectMemberIds: v.subjectMemberIds ?? [],
        documentIds: v.documentIds ?? [],
        itemIds: v.itemIds ?? [],
        taskIds: v.taskIds ?? [],
        periodStart: v.period[0].format('YYYY-MM-DD'),
        periodEnd: v.period[1].format('YYYY-MM-DD'),
        responsibleBody: v.responsibleBody,
      }),
    onSuccess: (p) => {
      qc.setQueryData(oversightKeys.program(id), p);
      setOpen(false);
      form.resetFields();
    },
    onError: (e) => onError(e, { form, onConflict: () => void program.refetch() }),
  });
  const start = useMutation({
    mutationFn: (e: ProgramEntry) =>
      createInspection({
        orgId: program.data!.orgId,
        entryId: e.id,
        kind: e.kind,
        basis: e.basis,
        subjectOrgId: e.subjectOrgIds[0],
        content: e.content,
        theme: e.theme,
        responsibleBody: e.responsibleBody,
        periodStart: e.periodStart,
        periodEnd: e.periodEnd,
        ...(e.documentIds[0] ? { documentId: e.documentIds[0] } : {}),
      }),
    onSuccess: (x) => {
      void message.success(o('started'));
      void navigate({ to: '/oversight/inspections/$id', params: { id: String(x.id) } });
    },
    onError: (e) => onError(e),
  });
  if (program.isPending) return <Loading />;
  if (program.isError) return <ErrorState error={program.error} />;
  const p = program.data;
  return (
    <div>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 0 }}>
        {p.symbol} — {p.title} {p.isSample && <Tag>{o('sample')}</Tag>}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {p.body === 'inspection_commission' ? `${o('commission')} ` : ''}
        {p.orgName} · {o('year')} {p.year}
        {' · '}
        <a href={`/api/oversight/programs/${p.id}/program.docx`}>{o('word')}</a>
      </Typography.Paragraph>
      <Card
        size="small"
        title={o('entries')}
        extra={
          canWrite && (
            <Button onClick={() => setOpen(true)} data-testid="add-entry">
              {o('addEntry')}
            </Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          dataSource={p.entries}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: '#', dataIndex: 'position', width: 40 },
            { title: o('kind'), render: (_, e) => `${kind(e.kind)} (${basis(e.basis).toLowerCase()})` },
            { title: o('content'), render: (_, e) => <EntryContent e={e} /> },
            { title: o('subject'), render: (_, e) => [...(e.subjectOrgNames ?? []), ...(e.subjectMemberNames ?? [])].join(', ') },
            { title: o('period'), render: (_, e) => `${formatDate(e.periodStart)} – ${formatDate(e.periodEnd)}` },
            { title: o('responsible'), render: (_, e) => body(e.responsibleBody) },
            ...(canWrite
              ? [
                  {
                    title: '',
                    key: 'edit',
                    width: 70,
                    render: (_: unknown, e: ProgramEntry) => <EditEntryButton programId={id} e={e} />,
                  },
                  {
                    title: '',
                    key: 'start',
                    render: (_: unknown, e: ProgramEntry) =>
                      e.inspectionCount > 0 ? (
                        <Tag color="blue">{e.inspectionCount}</Tag>
                      ) : (
                        <Button
                          size="small"
                          onClick={() => start.mutate(e)}
                          loading={start.isPending}
                          disabled={e.subjectOrgIds.length === 0}
                          data-testid={`start-entry-${e.position}`}
                        >
                          {o('start')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={isOpen}
        title={o('addEntry')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={o('save')}
        cancelText={o('cancel')}
        confirmLoading={add.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'supervision', basis: 'thematic', responsibleBody: 'inspection_commission' }}
          onFinish={(v) => add.mutate(v)}
          // Links are searched inside the subject's subtree: another subject empties them.
          onValuesChange={(changed: Partial<EntryForm>) => {
            if ('subjectOrgId' in changed) form.setFieldsValue({ subjectMemberIds: [], documentIds: [], itemIds: [], taskIds: [] });
          }}
        >
          <Space wrap>
            <Form.Item name="kind" label={o('kind')}>
              <Select style={{ width: 150 }} options={['inspection', 'supervision'].map((k) => ({ value: k, label: kind(k) }))} />
            </Form.Item>
            <Form.Item name="basis" label={o('basis')}>
              <Select
                style={{ width: 200 }}
                options={['regular', 'thematic', 'violation_signs'].map((k) => ({ value: k, label: basis(k) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="subjectOrgId" label={o('subject')} rules={[{ required: true }]}>
            <OrgPicker aria-label={o('subject')} testId="entry-subject" />
          </Form.Item>
          <Form.Item name="content" label={o('content')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} data-testid="entry-content" />
          </Form.Item>
          {ENTRY_LINK_FIELDS.map(([name, linkKind, labelKey]) => (
            <Form.Item key={name} name={name} label={o(labelKey)}>
              <LinkPicker
                aria-label={o(labelKey)}
                testId={`entry-${linkKind}s`}
                disabled={!subjectOrgId}
                placeholder={subjectOrgId ? undefined : o('pickSubjectFirst')}
                cacheKey={['entry', id, linkKind, subjectOrgId]}
                search={(q) => fetchEntryLinkOptions(id, linkKind, subjectOrgId, q)}
              />
            </Form.Item>
          ))}
          <Form.Item name="theme" label={o('theme')} rules={[{ required: true }]}>
            <Input data-testid="entry-theme" />
          </Form.Item>
          <Form.Item name="period" label={o('period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker format="DD/MM/YYYY" data-testid="entry-period" />
          </Form.Item>
          <Form.Item name="responsibleBody" label={o('responsible')}>
            <Select options={['inspection_commission', 'standing', 'committee'].map((k) => ({ value: k, label: body(k) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** An entry's content with the documents, targets and tasks it names, so a saved link can be seen. */
function EntryContent({ e }: { e: ProgramEntry }) {
  const { o } = useOversightT();
  const lists = (
    [
      ['document', 'linkDocuments'],
      ['item', 'linkItems'],
      ['task', 'linkTasks'],
    ] as const
  ).filter(([k]) => e.links[k].length > 0);
  return (
    <>
      <div>{e.content}</div>
      {lists.map(([k, labelKey]) => (
        <Typography.Text key={k} type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={`entry-${e.position}-${k}s`}>
          {o(labelKey)}: {e.links[k].map((l) => l.label).join('; ')}
        </Typography.Text>
      ))}
    </>
  );
}
