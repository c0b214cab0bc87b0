import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ErrorState } from '../../components/states';
import { FormModal } from '../../components/form-modal';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import {
  documentKindLabels,
  documentKinds,
  documentStatusLabels,
  documentStatuses,
  type DocumentKind,
  type DocumentStatus,
} from '../../../domain/documents';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { fetchOrgTerms, termsKeys } from '../terms/terms.api';
import { vnToday } from '../../../domain/vn-time';
import { defaultTerm } from './document-term';
import {
  adoptDocument,
  createDocument,
  documentKeys,
  fetchDocuments,
  searchDocuments,
  type DocumentListParams,
  type DocumentSummary,
} from './documents.api';
import { L } from './labels';

export const statusColor: Record<DocumentStatus, string> = { draft: 'gold', adopted: 'green', amended: 'default', expired: 'red' };

type CreateValues = {
  orgId: number;
  kind: DocumentKind;
  term: string;
  title: string;
  summary?: string;
  implementsIds?: number[];
  /** Entering a document adopted before: its number and issue date are asked, and it is adopted at once. */
  isAdopted?: boolean;
  number?: number;
  issueDate?: Dayjs;
};

export function DocumentsPage() {
  const { label } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const canWrite = useCan('documents.write');
  const [params, setParams] = useState<DocumentListParams>({ page: 1, pageSize: 50 });
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [isCreating, setCreating] = useState(false);
  const [form] = Form.useForm<CreateValues>();

  const list = useQuery({ queryKey: documentKeys.list(params), queryFn: () => fetchDocuments(params), placeholderData: keepPreviousData });
  const hits = useQuery({ queryKey: documentKeys.search(q), queryFn: () => searchDocuments(q), enabled: q.length >= 2 });
  const higher = useQuery({
    queryKey: documentKeys.list({ page: 1, pageSize: 200 }),
    queryFn: () => fetchDocuments({ page: 1, pageSize: 200 }),
    enabled: isCreating,
  });
  const orgId = Form.useWatch('orgId', form);
  const isAdopted = Form.useWatch('isAdopted', form);
  const orgTerms = useQuery({
    queryKey: termsKeys.orgTerms(orgId ?? 0),
    queryFn: () => fetchOrgTerms(orgId!),
    enabled: isCreating && !!orgId,
  });
  // The term follows the chosen org's current one until the user types another.
  useEffect(() => {
    if (!isCreating || form.isFieldTouched('term')) return;
    form.setFieldValue('term', defaultTerm(orgTerms.data?.items ?? [], vnToday()));
  }, [isCreating, orgTerms.data, form]);
  const create = useMutation({
    mutationFn: async ({ isAdopted: adopted, number, issueDate, ...v }: CreateValues) => {
      const day = issueDate?.format('YYYY-MM-DD');
      const doc = await createDocument({
        ...v,
        summary: v.summary ?? null,
        implementsIds: v.implementsIds ?? [],
        ...(adopted ? { number: number ?? undefined, issueDate: day } : {}),
      });
      return adopted ? adoptDocument(doc.id, doc.version, day) : doc;
    },
    onSuccess: (doc) => {
      void qc.invalidateQueries({ queryKey: documentKeys.all });
      setCreating(false);
      void navigate({ to: '/documents/$id', params: { id: String(doc.id) } });
    },
    onError: (e) => onError(e, { form }),
  });
  const setFilter = (patch: Partial<DocumentListParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));

  const columns: TableProps<DocumentSummary>['columns'] = [
    {
      title: label(L.symbol),
      dataIndex: 'symbol',
      key: 'symbol',
      width: 130,
      render: (s: string, d) => (
        <Link to="/documents/$id" params={{ id: String(d.id) }}>
          {s}
        </Link>
      ),
    },
    { title: label(L.kind), dataIndex: 'kind', key: 'kind', width: 190, render: (k: DocumentKind) => label(documentKindLabels[k]) },
    {
      title: label(L.docTitle),
      dataIndex: 'title',
      key: 'title',
      render: (s: string, d) => (
        <Space direction="vertical" size={0}>
          <Link to="/documents/$id" params={{ id: String(d.id) }}>
            {s}
          </Link>
          {d.isSample && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Dữ liệu mẫu
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: label(L.org), dataIndex: 'orgName', key: 'org', width: 260 },
    { title: label(L.term), dataIndex: 'term', key: 'term', width: 100 },
    { title: label(L.issueDate), dataIndex: 'issueDate', key: 'date', width: 120, render: formatDate },
    {
      title: label(L.status),
      dataIndex: 'status',
      key: 'status',
      width: 170,
      render: (s: DocumentStatus) => <Tag color={statusColor[s]}>{label(documentStatusLabels[s])}</Tag>,
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} className="page-title">
          {label(L.title)}
        </Typography.Title>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setCreating(true);
            }}
          >
            {label(L.newDocument)}
          </Button>
        )}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            style={{ width: 360 }}
            placeholder={label(L.search)}
            aria-label={label(L.search)}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="document-search"
          />
          <OrgPicker
            allowClear
            style={{ width: 300 }}
            value={params.orgId}
            onChange={(id) => setFilter({ orgId: id, subtree: id ? true : undefined })}
            placeholder={label(L.org)}
            aria-label={label(L.org)}
          />
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={label(L.kind)}
            aria-label={label(L.kind)}
            value={params.kind}
            onChange={(kind) => setFilter({ kind })}
            options={documentKinds.map((k) => ({ value: k, label: label(documentKindLabels[k]) }))}
          />
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={label(L.status)}
            aria-label={label(L.status)}
            value={params.status}
            onChange={(status) => setFilter({ status })}
            options={documentStatuses.map((k) => ({ value: k, label: label(documentStatusLabels[k]) }))}
          />
        </Space>
        {q.length >= 2 && (
          <List
            size="small"
            data-testid="document-search-hits"
            loading={hits.isFetching}
            locale={{ emptyText: label(L.noResults) }}
            dataSource={hits.data ?? []}
            renderItem={(h) => (
              <List.Item>
                <Link to="/documents/$id" params={{ id: String(h.documentId) }} hash={h.itemId ? `item-${h.itemId}` : undefined}>
                  <Tag>{h.symbol}</Tag> {h.text}
                </Link>
                <Typography.Text type="secondary">{h.orgName}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<DocumentSummary>
          rowKey="id"
          size="middle"
          data-testid="documents-table"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page, pageSize) => setParams((p) => ({ ...p, page, pageSize })),
          }}
        />
      )}
      <FormModal<CreateValues>
        title={label(L.newDocument)}
        open={isCreating}
        form={form}
        onCancel={() => setCreating(false)}
        onFinish={(v) => create.mutate(v)}
        isSaving={create.isPending}
        width={680}
        initialValues={{ term: defaultTerm([], vnToday()), kind: 'plan' }}
        testId="document-form"
      >
        <Form.Item name="orgId" label={label(L.org)} rules={[{ required: true }]}>
          <OrgPicker />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="kind" label={label(L.kind)} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={documentKinds.map((k) => ({ value: k, label: label(documentKindLabels[k]) }))} />
          </Form.Item>
          <Form.Item name="term" label={label(L.term)} rules={[{ required: true }]} style={{ width: 160 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="isAdopted" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="document-is-adopted">{label(L.isAdopted)}</Checkbox>
        </Form.Item>
        {isAdopted && (
          <Space.Compact block>
            <Form.Item name="number" label={label(L.number)} help={label(L.numberHelp)} style={{ flex: 1 }}>
              <InputNumber min={1} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="issueDate" label={label(L.issueDate)} rules={[{ required: true }]} style={{ flex: 1 }}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
        )}
        <Form.Item name="title" label={label(L.docTitle)} rules={[{ required: true }]}>
          <Input.TextArea autoSize />
        </Form.Item>
        <Form.Item name="summary" label={label(L.summary)}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="implementsIds" label={label(L.implements)}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={higher.isFetching}
            options={(higher.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.symbol} — ${d.title} (${d.orgName})` }))}
          />
        </Form.Item>
      </FormModal>
    </div>
  );
}
