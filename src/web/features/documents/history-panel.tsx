import { List, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatDate } from '../../lib/format';
import { useLocale } from '../../app/locale';
import { documentStatusLabels } from '../../../domain/documents';
import { documentKeys, fetchDiff, fetchVersions, type ItemChange } from './documents.api';
import { L } from './labels';

const typeColor = { added: 'green', removed: 'red', changed: 'blue' } as const;
const fieldLabel: Record<string, string> = { kind: 'loại', text: 'nội dung', statement: 'giá trị', place: 'vị trí' };

/** Every version of the document and, item by item, what this version changed. */
export function HistoryPanel({ documentId }: { documentId: number }) {
  const { label } = useLocale();
  const versions = useQuery({ queryKey: documentKeys.versions(documentId), queryFn: () => fetchVersions(documentId) });
  const diff = useQuery({ queryKey: documentKeys.diff(documentId), queryFn: () => fetchDiff(documentId) });
  return (
    <div data-testid="history-panel">
      <Typography.Title level={5}>{label(L.versions)}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={versions.data ?? []}
        loading={versions.isPending}
        renderItem={(v) => (
          <List.Item>
            <Space>
              <Link to="/documents/$id" params={{ id: String(v.id) }}>
                Phiên bản {v.versionNo}
              </Link>
              <Tag>{label(documentStatusLabels[v.status])}</Tag>
              {formatDate(v.issueDate)}
              {v.amendReason && <Typography.Text type="secondary">{v.amendReason}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {label(L.changes)}
      </Typography.Title>
      <Table<ItemChange>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={diff.data?.changes ?? []}
        loading={diff.isPending}
        locale={{ emptyText: 'Không có thay đổi (hoặc đây là phiên bản đầu tiên).' }}
        columns={[
          { title: '', dataIndex: 'type', width: 80, render: (t: ItemChange['type']) => <Tag color={typeColor[t]}>{label(L[t])}</Tag> },
          {
            title: 'Trước',
            key: 'before',
            render: (_: unknown, c) =>
              'before' in c ? (
                <span>
                  {c.before.text} {c.before.statement && <Tag>{c.before.statement}</Tag>}
                </span>
              ) : (
                ''
              ),
          },
          {
            title: 'Sau',
            key: 'after',
            render: (_: unknown, c) =>
              'after' in c ? (
                <span>
                  {c.after.text} {c.after.statement && <Tag color="blue">{c.after.statement}</Tag>}
                </span>
              ) : (
                ''
              ),
          },
          {
            title: 'Thay đổi',
            key: 'fields',
            width: 160,
            render: (_: unknown, c) => ('fields' in c ? c.fields : []).map((f) => fieldLabel[f] ?? f).join(', '),
          },
        ]}
      />
    </div>
  );
}
