import { useState } from 'react';
import { Card, DatePicker, Select, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/states';
import { DATE_FORMAT, formatDateTime, formatVnNumber } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useLocale } from '../../app/locale';
import type { Label } from '../../../domain/orgs/org-kinds';
import { useCan } from '../auth/use-permission';
import { OrgPicker } from '../orgs/org-picker';
import { fetchUsers } from '../users/users.api';
import { auditKeys, fetchAudit, type AuditEntry, type AuditParams } from './audit.api';
import { diffRows, showValue } from './audit-diff';

const entityLabels: Record<string, Label> = {
  org: { vi: 'Tổ chức đảng', en: 'Organization' },
  committee: { vi: 'Cấp ủy', en: 'Committee' },
  member: { vi: 'Đảng viên', en: 'Member' },
  member_import: { vi: 'Nhập đảng viên', en: 'Member import' },
  user: { vi: 'Người dùng', en: 'User' },
  session: { vi: 'Phiên đăng nhập', en: 'Session' },
  attendance: { vi: 'Điểm danh', en: 'Attendance' },
  bridge_point: { vi: 'Điểm cầu', en: 'Bridge point' },
  dashboard: { vi: 'Bảng điều khiển', en: 'Dashboard' },
  document: { vi: 'Văn bản', en: 'Document' },
  document_item: { vi: 'Mục của văn bản', en: 'Document item' },
  explanation: { vi: 'Giải trình', en: 'Explanation' },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  mail: { vi: 'Thư điện tử', en: 'Mail' },
  pledge: { vi: 'Bản cam kết', en: 'Pledge' },
  reflection: { vi: 'Bài thu hoạch', en: 'Reflection' },
  report: { vi: 'Báo cáo', en: 'Report' },
  report_schedule: { vi: 'Lịch báo cáo', en: 'Report schedule' },
  study_session: { vi: 'Hội nghị học tập', en: 'Study session' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
};
const actionLabels: Record<string, Label> = {
  create: { vi: 'Thêm mới', en: 'Create' },
  update: { vi: 'Sửa', en: 'Update' },
  delete: { vi: 'Xóa', en: 'Delete' },
  move: { vi: 'Chuyển cấp trên', en: 'Move' },
  close: { vi: 'Kết thúc hoạt động', en: 'Close' },
  transfer: { vi: 'Chuyển sinh hoạt', en: 'Transfer' },
  import: { vi: 'Nhập từ Excel', en: 'Import' },
  import_text: { vi: 'Nhập từ văn bản', en: 'Import from text' },
  login: { vi: 'Đăng nhập', en: 'Log in' },
  logout: { vi: 'Đăng xuất', en: 'Log out' },
  reset_password: { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  disable: { vi: 'Khóa', en: 'Disable' },
  enable: { vi: 'Mở khóa', en: 'Enable' },
  import_create: { vi: 'Thêm qua tệp Excel', en: 'Created by import' },
  import_update: { vi: 'Sửa qua tệp Excel', en: 'Updated by import' },
  create_bulk: { vi: 'Thêm hàng loạt', en: 'Create in bulk' },
  create_makeup: { vi: 'Tạo buổi học bù', en: 'Create a make-up session' },
  import_roll: { vi: 'Nhập danh sách điểm danh', en: 'Import the roll' },
  mark_attendance: { vi: 'Điểm danh hộ', en: 'Mark attendance' },
  allow_members: { vi: 'Cho phép đảng viên', en: 'Allow members' },
  transfer_out: { vi: 'Chuyển sinh hoạt đi', en: 'Transfer out' },
  adopt: { vi: 'Ban hành', en: 'Adopt' },
  amend: { vi: 'Sửa đổi, bổ sung', en: 'Amend' },
  expire: { vi: 'Hết hiệu lực', en: 'Expire' },
  attach: { vi: 'Đính kèm tệp', en: 'Attach a file' },
  link: { vi: 'Liên kết', en: 'Link' },
  unlink: { vi: 'Bỏ liên kết', en: 'Unlink' },
  share: { vi: 'Chia sẻ', en: 'Share' },
  send: { vi: 'Gửi', en: 'Send' },
  send_failed: { vi: 'Gửi không thành công', en: 'Sending failed' },
  send_retry: { vi: 'Gửi lại', en: 'Retry sending' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  invite: { vi: 'Mời', en: 'Invite' },
  submit: { vi: 'Gửi báo cáo', en: 'Submit' },
  resubmit: { vi: 'Gửi lại báo cáo', en: 'Resubmit' },
  approve: { vi: 'Duyệt', en: 'Approve' },
  return: { vi: 'Trả lại', en: 'Return' },
  reopen: { vi: 'Mở lại', en: 'Reopen' },
  accept: { vi: 'Chấp nhận', en: 'Accept' },
  ask_rewrite: { vi: 'Yêu cầu viết lại', en: 'Ask for a rewrite' },
};
/** Names of the fields that audit snapshots hold, as the forms call them. */
const fieldLabels: Record<string, Label> = {
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên', en: 'Name' },
  kind: { vi: 'Loại hình', en: 'Kind' },
  parentId: { vi: 'Tổ chức cấp trên', en: 'Parent' },
  path: { vi: 'Đường dẫn cây', en: 'Tree path' },
  headName: { vi: 'Người đứng đầu', en: 'Head' },
  headTitle: { vi: 'Chức vụ người đứng đầu', en: 'Title of the head' },
  validFrom: { vi: 'Hiệu lực từ', en: 'Valid from' },
  validTo: { vi: 'Hiệu lực đến', en: 'Valid to' },
  isNonStateEnterprise: { vi: 'DN ngoài khu vực Nhà nước', en: 'Non-state enterprise' },
  orgId: { vi: 'Tổ chức', en: 'Organization' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  birthDate: { vi: 'Ngày sinh', en: 'Date of birth' },
  joinedDate: { vi: 'Ngày vào Đảng', en: 'Date joined' },
  status: { vi: 'Trạng thái', en: 'Status' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Email', en: 'Email' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  roles: { vi: 'Vai trò', en: 'Roles' },
  isDisabled: { vi: 'Khóa tài khoản', en: 'Disabled' },
  role: { vi: 'Vai trò', en: 'Role' },
  term: { vi: 'Nhiệm kỳ', en: 'Term' },
  size: { vi: 'Số lượng', en: 'Size' },
  people: { vi: 'Thành viên', en: 'People' },
  version: { vi: 'Phiên bản', en: 'Version' },
  created: { vi: 'Số bản ghi thêm mới', en: 'Created' },
  updated: { vi: 'Số bản ghi cập nhật', en: 'Updated' },
  unchanged: { vi: 'Số bản ghi không đổi', en: 'Unchanged' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  symbol: { vi: 'Số, ký hiệu', en: 'Symbol' },
  issueDate: { vi: 'Ngày ban hành', en: 'Issue date' },
  text: { vi: 'Nội dung', en: 'Text' },
  dueDate: { vi: 'Hạn', en: 'Due date' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  count: { vi: 'Số lượng', en: 'Count' },
  childItemId: { vi: 'Mục cấp dưới', en: 'Lower item' },
  parentItemId: { vi: 'Mục cấp trên', en: 'Higher item' },
};

const actionColor: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  move: 'purple',
  close: 'orange',
  transfer: 'cyan',
  import: 'geekblue',
};

export function AuditPage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const canReadUsers = useCan('users.read');
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 50 });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [userSearch, setUserSearch] = useState('');
  const userQ = useDebounced(userSearch.trim(), 250);

  const list = useQuery({ queryKey: auditKeys.list(params), queryFn: () => fetchAudit(params), placeholderData: keepPreviousData });
  const users = useQuery({
    queryKey: ['users', 'pick', userQ],
    queryFn: () => fetchUsers({ q: userQ || undefined, page: 1, pageSize: 20 }),
    enabled: canReadUsers,
  });
  const setFilter = (patch: Partial<AuditParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));
  // A code without a label yet reads as "Khác" (the code stays in the tooltip), never raw on screen.
  const nameOf = (map: Record<string, Label>, key: string) => (map[key] ? label(map[key]) : label({ vi: 'Khác', en: 'Other' }));

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 140, render: formatDateTime },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor', width: 170 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 140,
      render: (a: string) => <Tag color={actionColor[a] ?? 'default'}>{nameOf(actionLabels, a)}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity', width: 120, render: (e: string) => nameOf(entityLabels, e) },
    { title: t('audit.summary'), dataIndex: 'summary', key: 'summary', render: (s: string | null) => s ?? '' },
    { title: t('audit.org'), dataIndex: 'orgName', key: 'org', width: 240, render: (s: string | null) => s ?? '' },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 120,
      render: (s: string | null) => <Typography.Text type="secondary">{s ?? ''}</Typography.Text>,
    },
  ];

  return (
    <div>
      <Typography.Title level={1} className="page-title">
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <div className="toolbar">
          {canReadUsers && (
            <Select<number>
              allowClear
              showSearch={{ filterOption: false, onSearch: setUserSearch, searchValue: userSearch }}
              placeholder={t('audit.actorPlaceholder')}
              aria-label={t('audit.actor')}
              style={{ width: 240 }}
              value={params.actorId}
              onChange={(v) => {
                setUserSearch('');
                setFilter({ actorId: v });
              }}
              loading={users.isFetching}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
              notFoundContent={users.isFetching ? t('common.loading') : t('common.noResults')}
            />
          )}
          <OrgPicker
            allowClear
            value={params.orgId}
            onChange={(id) => setFilter({ orgId: id })}
            style={{ width: 280 }}
            aria-label={t('audit.org')}
          />
          <Select<string>
            allowClear
            placeholder={t('audit.entityPlaceholder')}
            aria-label={t('audit.entity')}
            style={{ width: 180 }}
            value={params.entity}
            onChange={(v) => setFilter({ entity: v })}
            options={Object.entries(entityLabels).map(([value, l]) => ({ value, label: label(l) }))}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            value={range}
            aria-label={t('audit.dateRange')}
            onChange={(v) => {
              setRange(v);
              setFilter({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
            }}
          />
        </div>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: list.isPending ? t('common.loading') : t('audit.empty') }}
            scroll={{ x: 1400 }}
            data-testid="audit-table"
            expandable={{
              expandedRowRender: (e) => <AuditDiff entry={e} />,
              rowExpandable: (e) => e.before != null || e.after != null,
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t('common.total', { count: formatVnNumber(n) }),
              onChange: (page, pageSize) => setParams((p) => ({ ...p, page: pageSize === p.pageSize ? page : 1, pageSize })),
            }}
          />
        )}
      </Card>
    </div>
  );
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [isChangedOnly, setChangedOnly] = useState(entry.before != null && entry.after != null);
  const rows = diffRows(entry.before, entry.after).filter((r) => !isChangedOnly || r.isChanged);
  return (
    <div>
      {entry.before != null && entry.after != null && (
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', marginBottom: 8 }}>
          <Switch size="small" checked={isChangedOnly} onChange={setChangedOnly} />
          {t('audit.changedOnly')}
        </label>
      )}
      <Table
        className="json-diff"
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={rows}
        rowClassName={(r) => (r.isChanged && entry.before != null && entry.after != null ? 'diff-changed' : '')}
        columns={[
          {
            title: t('audit.field'),
            dataIndex: 'field',
            width: 200,
            render: (f: string) => (
              <span title={f}>
                {fieldLabels[f] ? (
                  label(fieldLabels[f])
                ) : (
                  <Typography.Text code data-raw>
                    {f}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <pre>{showValue(v)}</pre> },
          { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <pre>{showValue(v)}</pre> },
        ]}
      />
    </div>
  );
}
