import { memo, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  BarChartOutlined,
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  LinkOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { documentKindLabels, documentStatusLabels, itemKindLabels } from '../../../domain/documents';
import {
  amendDocument,
  createItem,
  deleteItem,
  docxUrl,
  documentKeys,
  fetchDocument,
  importSheet,
  moveItem,
  updateItem,
  xlsxUrl,
  type DocumentDetail,
  type DocumentItem,
  type ImportPreview,
} from './documents.api';
import { ItemFormModal, targetTexts, type ItemValues } from './item-form';
import { LinkModal } from './link-modal';
import { GapsPanel } from './gaps-panel';
import { HistoryPanel } from './history-panel';
import { statusColor } from './documents-page';
import { L } from './labels';
import { ImportFromTextButton } from '../extraction/import-from-text';
import { ItemTextInline } from './item-text-inline';
import { TaskAssignModal } from './task-assign-modal';
import { AdoptModal } from './adopt-modal';
import { TasksPanel } from './tasks-panel';
import { FilesPanel } from './files-panel';
import { CarryLinksPanel } from '../terms/carry-links-panel';

/** Items a task is assigned from ("Giao nhiệm vụ"). */
const assignableKinds: readonly DocumentItem['kind'][] = ['task', 'solution', 'breakthrough'];

/**
 * antd re-renders every cell whenever the table renders; a cell drawn through this memo skips
 * its buttons and tags unless its item (or the column, when an ability changes) changed.
 */
const RowCell = memo(function RowCell({ item, render }: { item: DocumentItem; render: (item: DocumentItem) => ReactNode }) {
  return render(item);
});
const cell = (render: (item: DocumentItem) => ReactNode) => (_: unknown, item: DocumentItem) => <RowCell item={item} render={render} />;

export function DocumentPage({ id }: { id: number }) {
  const { label } = useLocale();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const doc = useQuery({ queryKey: documentKeys.detail(id), queryFn: () => fetchDocument(id) });
  const [itemForm] = Form.useForm<ItemValues>();
  const [editing, setEditing] = useState<DocumentItem | 'new' | null>(null);
  const [linking, setLinking] = useState<DocumentItem | null>(null);
  const [assigning, setAssigning] = useState<DocumentItem | null>(null);
  const [amending, setAmending] = useState(false);
  const [isAdopting, setAdopting] = useState(false);
  const [amendReason, setAmendReason] = useState('');
  const [importing, setImporting] = useState<{ file: File; preview: ImportPreview } | null>(null);

  const refresh = () => void qc.invalidateQueries({ queryKey: documentKeys.all });
  const saveItem = useMutation({
    mutationFn: async (v: ItemValues) => {
      const target =
        v.kind === 'target' && v.target ? { ...v.target, valueText: v.target.valueText ?? '', unitText: v.target.unitText ?? '' } : null;
      if (editing === 'new')
        return createItem(id, {
          kind: v.kind,
          text: v.text,
          parentItemId: v.parentItemId ?? null,
          milestoneYear: v.milestoneYear ?? null,
          target,
        });
      const item = editing as DocumentItem;
      const saved = await updateItem(item.id, {
        version: item.version,
        kind: v.kind,
        text: v.text,
        milestoneYear: v.milestoneYear ?? null,
        ...(target ? { target } : {}),
      });
      if ((v.parentItemId ?? null) !== item.parentItemId)
        return moveItem(item.id, { version: saved.version, parentItemId: v.parentItemId ?? null, index: 9999 });
      return saved;
    },
    onSuccess: () => {
      setEditing(null);
      refresh();
    },
    onError: (e) => onError(e, { form: itemForm, onConflict: refresh }),
  });
  const move = useMutation({
    mutationFn: ({ item, delta }: { item: DocumentItem; delta: number }) => {
      const siblings = (doc.data?.items ?? []).filter((i) => i.parentItemId === item.parentItemId);
      const index = siblings.findIndex((s) => s.id === item.id) + delta;
      return moveItem(item.id, { version: item.version, parentItemId: item.parentItemId, index: Math.max(0, index) });
    },
    onSuccess: refresh,
    onError: (e) => onError(e, { onConflict: refresh }),
  });
  const remove = useMutation({
    mutationFn: (item: DocumentItem) => deleteItem(item.id, item.version),
    onSuccess: refresh,
    onError: (e) => onError(e, { onConflict: refresh }),
  });
  const amend = useMutation({
    mutationFn: () => amendDocument(id, doc.data!.version, amendReason),
    onSuccess: (d) => {
      setAmending(false);
      refresh();
      void navigate({ to: '/documents/$id', params: { id: String(d.id) } });
    },
    onError: (e) => onError(e, { onConflict: refresh }),
  });
  const runImport = useMutation({
    mutationFn: ({ file, commit }: { file: File; commit: boolean }) => importSheet(id, file, commit),
    onSuccess: (preview, { file, commit }) => {
      if (commit) {
        setImporting(null);
        void message.success(`${preview.counts.create} mục mới, ${preview.counts.update} mục sửa`);
        refresh();
      } else setImporting({ file, preview });
    },
    onError: (e) => onError(e),
  });

  const handlers = useRef({
    openEdit: (_item: DocumentItem | 'new', _parentItemId?: number | null) => {},
    assign: setAssigning,
    link: setLinking,
  });
  // Columns stay the same object across renders unless an ability changes, and handlers are
  // read through a ref: antd then re-renders only the rows whose item changed, which keeps an
  // inline edit in a 200-item resolution from repainting the whole table.
  const abilities = doc.data
    ? {
        canEdit: doc.data.abilities.update,
        canAssign: doc.data.abilities.assignTasks,
        canLink: doc.data.abilities.link && doc.data.implements.length > 0,
      }
    : null;
  const { canEdit: colEdit = false, canAssign = false, canLink = false } = abilities ?? {};
  // On a phone the count of lower documents sits under the item's text and the buttons' column
  // takes only the room it needs: fixed columns beside it left the text a few pixels wide.
  const isPhone = Grid.useBreakpoint().md === false;
  const columns = useMemo(
    (): TableProps<DocumentItem>['columns'] => [
      {
        title: label(L.content),
        key: 'text',
        render: cell((item) => (
          <div id={`item-${item.id}`} style={{ paddingLeft: item.depth * 20 }} data-testid={`item-${item.id}`}>
            <ItemTextInline item={item} canEdit={colEdit} />
            <div>
              <Tag bordered={false}>
                {label(itemKindLabels[item.kind])}
                {item.milestoneYear ? ` ${item.milestoneYear}` : ''}
              </Tag>
              {item.statement && (
                <Tag color="blue" data-testid="item-statement">
                  {item.statement}
                  {item.byYear ? ` (${item.byYear})` : ''}
                </Tag>
              )}
              {item.indicatorName && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.indicatorName}
                </Typography.Text>
              )}
            </div>
            {item.parentLinks.length > 0 && (
              <div style={{ fontSize: 12 }}>
                {label(L.concretizes)}:{' '}
                {item.parentLinks.map((p) => (
                  <Link key={p.parentItemId} to="/cascade/$itemId" params={{ itemId: String(p.parentItemId) }}>
                    <Tag icon={<LinkOutlined />} color="purple">
                      {p.symbol}: {p.text.slice(0, 60)}
                    </Tag>
                  </Link>
                ))}
              </div>
            )}
            {isPhone && item.kind !== 'part' && item.kind !== 'section' && (
              <div style={{ fontSize: 12 }}>
                {label(L.concretizedBy)}:{' '}
                <Link to="/cascade/$itemId" params={{ itemId: String(item.id) }} data-testid={`cascade-link-${item.id}`}>
                  {item.childLinkCount}
                </Link>
              </div>
            )}
          </div>
        )),
      },
      {
        title: label(L.concretizedBy),
        key: 'children',
        width: 130,
        align: 'center',
        responsive: ['md'],
        render: cell((item) =>
          item.kind === 'part' || item.kind === 'section' ? null : (
            <Link to="/cascade/$itemId" params={{ itemId: String(item.id) }} data-testid={`cascade-link-${item.id}`}>
              {item.childLinkCount}
            </Link>
          ),
        ),
      },
      // A reader with nothing to do on the items gets no empty column beside their text.
      ...(colEdit || canAssign || canLink
        ? [
            {
              title: '',
              key: 'actions',
              width: isPhone ? undefined : 280,
              render: cell((item) => (
                <Space size={2} wrap>
                  {colEdit && (
                    <Tooltip title={label(L.editItem)}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => handlers.current.openEdit(item)}
                        aria-label={label(L.editItem)}
                      />
                    </Tooltip>
                  )}
                  {colEdit && (
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined />}
                      onClick={() => move.mutate({ item, delta: -1 })}
                      aria-label={label(L.moveUp)}
                    />
                  )}
                  {colEdit && (
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined />}
                      onClick={() => move.mutate({ item, delta: 1 })}
                      aria-label={label(L.moveDown)}
                    />
                  )}
                  {colEdit && (item.kind === 'part' || item.kind === 'section') && (
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => handlers.current.openEdit('new', item.id)}
                      aria-label={label(L.addItem)}
                    />
                  )}
                  {colEdit && (
                    <Popconfirm title="Xóa mục này?" onConfirm={() => remove.mutate(item)}>
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label="Xóa" />
                    </Popconfirm>
                  )}
                  {canAssign && assignableKinds.includes(item.kind) && (
                    <Button
                      size="small"
                      icon={<SendOutlined />}
                      onClick={() => handlers.current.assign(item)}
                      data-testid={`assign-item-${item.id}`}
                    >
                      {label(L.assignTask)}
                    </Button>
                  )}
                  {canLink && item.kind !== 'part' && item.kind !== 'section' && (
                    <Button
                      size="small"
                      icon={<LinkOutlined />}
                      onClick={() => handlers.current.link(item)}
                      data-testid={`link-item-${item.id}`}
                    >
                      {label(L.link)}
                    </Button>
                  )}
                </Space>
              )),
            },
          ]
        : []),
    ],
    [colEdit, canAssign, canLink, label, move.mutate, remove.mutate, isPhone],
  );

  if (doc.isPending) return <Loading />;
  if (doc.isError) return <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />;
  const d: DocumentDetail = doc.data;
  const canEdit = d.abilities.update;

  const openEdit = (item: DocumentItem | 'new', parentItemId?: number | null) => {
    itemForm.resetFields();
    if (item === 'new')
      itemForm.setFieldsValue({ kind: 'target', text: '', parentItemId: parentItemId ?? null, target: { valueText: '', unitText: '' } });
    else
      itemForm.setFieldsValue({
        kind: item.kind,
        text: item.text,
        parentItemId: item.parentItemId,
        milestoneYear: item.milestoneYear,
        target:
          item.kind === 'target'
            ? {
                indicatorId: item.indicatorId,
                byYear: item.byYear,
                baselineValue: item.baselineValue,
                baselineYear: item.baselineYear,
                ...targetTexts(item),
              }
            : undefined,
      });
    setEditing(item);
  };

  handlers.current.openEdit = openEdit;

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <div>
          <Typography.Text type="secondary">
            <Link to="/documents">{label(L.title)}</Link> / {d.orgName}
          </Typography.Text>
          <Typography.Title level={1} className="page-title" style={{ marginTop: 4 }} data-testid="document-title">
            {label(documentKindLabels[d.kind])} số {d.symbol}
          </Typography.Title>
          <Typography.Paragraph strong style={{ maxWidth: 900 }}>
            {d.title}
          </Typography.Paragraph>
        </div>
        <Space wrap>
          {d.abilities.adopt && (
            <Button type="primary" onClick={() => setAdopting(true)} data-testid="document-adopt">
              {label(L.adopt)}
            </Button>
          )}
          {d.abilities.amend && (
            <Button
              onClick={() => {
                setAmendReason('');
                setAmending(true);
              }}
            >
              {label(L.amend)}
            </Button>
          )}
          <Link to="/dashboard/$documentId" params={{ documentId: String(d.id) }} data-testid="document-dashboard-link">
            <Button icon={<BarChartOutlined />}>{label({ vi: 'Bảng điều khiển', en: 'Dashboard' })}</Button>
          </Link>
          <Button icon={<FileWordOutlined />} href={docxUrl(d.id)}>
            {label(L.exportWord)}
          </Button>
          <Button icon={<FileExcelOutlined />} href={xlsxUrl(d.id)}>
            {label(L.exportExcel)}
          </Button>
          {canEdit && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                runImport.mutate({ file, commit: false });
                return false;
              }}
            >
              <Button icon={<FileExcelOutlined />} loading={runImport.isPending}>
                {label(L.importExcel)}
              </Button>
            </Upload>
          )}
          {canEdit && <ImportFromTextButton documentId={d.id} />}
        </Space>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} layout={isPhone ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label={label(L.status)}>
            <Tag color={statusColor[d.status]} data-testid="document-status">
              {label(documentStatusLabels[d.status])}
            </Tag>
            {d.versionNo > 1 && <Tag>Phiên bản {d.versionNo}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={label(L.term)}>{d.term}</Descriptions.Item>
          <Descriptions.Item label={label(L.issueDate)}>{formatDate(d.issueDate)}</Descriptions.Item>
          <Descriptions.Item label={label(L.implements)} span={3}>
            {d.implements.length === 0
              ? '—'
              : d.implements.map((x) => (
                  <Link key={x.id} to="/documents/$id" params={{ id: String(x.id) }}>
                    {/* A long title wraps inside the tag instead of widening the page on a phone. */}
                    <Tag color="geekblue" style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
                      {x.symbol} — {x.title.slice(0, 80)}
                    </Tag>
                  </Link>
                ))}
          </Descriptions.Item>
          {d.summary && (
            <Descriptions.Item label={label(L.summary)} span={3}>
              {d.summary}
            </Descriptions.Item>
          )}
          {d.amendReason && (
            <Descriptions.Item label={label(L.amendReason)} span={3}>
              {d.amendReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {!canEdit && d.status !== 'draft' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={label(L.locked)} />}
      <CarryLinksPanel documentId={d.id} />
      <Tabs
        items={[
          {
            key: 'content',
            label: `${label(L.content)} (${d.items.length})`,
            children: (
              <>
                {canEdit && (
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    style={{ marginBottom: 8 }}
                    onClick={() => openEdit('new')}
                    data-testid="add-item"
                  >
                    {label(L.addItem)}
                  </Button>
                )}
                <Table<DocumentItem>
                  rowKey="id"
                  size="small"
                  tableLayout="fixed"
                  columns={columns}
                  dataSource={d.items}
                  pagination={false}
                  data-testid="items-table"
                />
              </>
            ),
          },
          { key: 'tasks', label: label(L.tasks), children: <TasksPanel documentId={d.id} items={d.items} /> },
          { key: 'gaps', label: label(L.gaps), children: <GapsPanel documentId={d.id} /> },
          { key: 'history', label: label(L.history), children: <HistoryPanel documentId={d.id} /> },
          {
            key: 'files',
            label: `${label(L.files)} (${d.files.length})`,
            children: <FilesPanel doc={d} />,
          },
        ]}
      />
      <ItemFormModal
        open={editing !== null}
        title={editing === 'new' ? label(L.addItem) : label(L.editItem)}
        form={itemForm}
        parents={d.items.filter((i) => editing === 'new' || i.id !== (editing as DocumentItem | null)?.id)}
        isSaving={saveItem.isPending}
        onCancel={() => setEditing(null)}
        onFinish={(v) => saveItem.mutate(v)}
      />
      {assigning && <TaskAssignModal item={assigning} onClose={() => setAssigning(null)} />}
      {linking && (
        <LinkModal
          item={linking}
          onClose={() => {
            setLinking(null);
            refresh();
          }}
        />
      )}
      <AdoptModal doc={d} open={isAdopting} onClose={() => setAdopting(false)} onAdopted={refresh} />
      <Modal
        open={amending}
        title={label(L.amend)}
        onCancel={() => setAmending(false)}
        onOk={() => amend.mutate()}
        confirmLoading={amend.isPending}
        okButtonProps={{ disabled: amendReason.trim().length < 5 }}
      >
        <Typography.Paragraph>Tạo phiên bản mới (dự thảo) với toàn bộ nội dung hiện hành; phiên bản cũ vẫn xem được.</Typography.Paragraph>
        <Input.TextArea
          aria-label={label(L.amendReason)}
          placeholder={label(L.amendReason)}
          value={amendReason}
          onChange={(e) => setAmendReason(e.target.value)}
          autoSize={{ minRows: 3 }}
        />
      </Modal>
      <Modal
        open={importing !== null}
        width={900}
        title={label(L.importExcel)}
        onCancel={() => setImporting(null)}
        okText={label(L.commit)}
        okButtonProps={{ disabled: (importing?.preview.counts.error ?? 1) > 0 }}
        confirmLoading={runImport.isPending}
        onOk={() => importing && runImport.mutate({ file: importing.file, commit: true })}
      >
        {importing && (
          <>
            <Space style={{ marginBottom: 8 }}>
              <Tag color="green">Thêm mới: {importing.preview.counts.create}</Tag>
              <Tag color="blue">Sửa: {importing.preview.counts.update}</Tag>
              <Tag>Không đổi: {importing.preview.counts.unchanged}</Tag>
              <Tag color="red">Lỗi: {importing.preview.counts.error}</Tag>
            </Space>
            <Table
              size="small"
              rowKey="rowNo"
              pagination={{ pageSize: 20 }}
              dataSource={importing.preview.rows}
              columns={[
                { title: 'Dòng', dataIndex: 'rowNo', width: 60 },
                { title: label(L.content), dataIndex: 'text' },
                { title: label(L.value), dataIndex: 'statement', width: 140 },
                {
                  title: '',
                  dataIndex: 'action',
                  width: 100,
                  render: (a: string) => (
                    <Tag color={a === 'error' ? 'red' : a === 'create' ? 'green' : a === 'update' ? 'blue' : 'default'}>{a}</Tag>
                  ),
                },
                { title: 'Lỗi / thay đổi', key: 'errors', render: (_: unknown, r) => [...r.errors, ...r.changes].join('; ') },
              ]}
            />
          </>
        )}
      </Modal>
    </div>
  );
}
