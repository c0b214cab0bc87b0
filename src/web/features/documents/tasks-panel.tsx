import { useState } from 'react';
import { Progress, Table, Tag, Typography, type TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/states';
import { useLocale } from '../../app/locale';
import { formatDate } from '../../lib/format';
import { itemKindLabels, type TaskStatus } from '../../../domain/documents';
import { documentKeys, fetchDocumentTasks, type DocumentItem, type Task } from './documents.api';
import { L, taskStatusLabels } from './labels';

const statusColor: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'blue',
  done: 'green',
  overdue: 'red',
  cancelled: 'default',
};

/** The tasks assigned from the items of one document, a page at a time, soonest due first. */
export function TasksPanel({ documentId, items }: { documentId: number; items: DocumentItem[] }) {
  const { label } = useLocale();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const tasks = useQuery({
    queryKey: documentKeys.tasks(documentId, page, pageSize),
    queryFn: () => fetchDocumentTasks(documentId, page, pageSize),
    placeholderData: keepPreviousData,
  });
  if (tasks.isError) return <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />;
  // "Đột phá 4", "Nhiệm vụ trọng tâm 5": the item a task comes from, as the document numbers it.
  const source = new Map(items.map((i) => [i.id, `${label(itemKindLabels[i.kind])} ${i.outline.replace(/\.$/, '')}`]));

  const columns: TableProps<Task>['columns'] = [
    {
      title: label(L.taskTitle),
      key: 'title',
      render: (_: unknown, t) => (
        <>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: t.title }} style={{ marginBottom: 0 }}>
            {t.title}
          </Typography.Paragraph>
          {t.itemId !== null && source.has(t.itemId) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label(L.fromItem)}: {source.get(t.itemId)}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: label(L.leadOrg), dataIndex: 'leadOrgName', width: 220 },
    {
      title: label(L.partnerOrgs),
      key: 'partners',
      width: 220,
      render: (_: unknown, t) => (t.partnerOrgNames.length === 0 ? '—' : t.partnerOrgNames.join(', ')),
    },
    { title: label(L.headName), dataIndex: 'headName', width: 160, render: (v: string | null) => v ?? '—' },
    { title: label(L.dueDate), dataIndex: 'dueDate', width: 120, render: (v: string | null) => formatDate(v) || '—' },
    {
      title: label(L.taskStatus),
      key: 'status',
      width: 170,
      render: (_: unknown, t) => (
        <>
          <Tag color={statusColor[t.status]}>{label(taskStatusLabels[t.status])}</Tag>
          {t.progress > 0 && <Progress aria-label={`${t.title}: ${label(L.taskStatus)}`} percent={t.progress} size="small" />}
        </>
      ),
    },
  ];

  return (
    <Table<Task>
      rowKey="id"
      size="small"
      data-testid="tasks-table"
      loading={tasks.isFetching}
      columns={columns}
      dataSource={tasks.data?.items ?? []}
      locale={{ emptyText: label(L.noTasks) }}
      pagination={{
        current: page,
        pageSize,
        total: tasks.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => `${total} nhiệm vụ`,
        onChange: (p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        },
      }}
    />
  );
}
