import { useState } from 'react';
import { Card, Col, DatePicker, Row, Statistic, Table, Tag, Typography, Button, Space } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { dashboardKeys, fetchDashboard, type DashboardTarget, type TargetStatus } from './dashboard.api';
import { TargetChart } from './target-chart';

const STATUS: Record<TargetStatus, { label: string; color: string }> = {
  achieved: { label: 'Đạt', color: 'green' },
  on_track: { label: 'Đúng tiến độ', color: 'blue' },
  at_risk: { label: 'Có nguy cơ', color: 'orange' },
  off_track: { label: 'Chậm tiến độ', color: 'red' },
  not_assessable: { label: 'Chưa đánh giá được', color: 'default' },
};
const fmt = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n));

/** The leader's page for a document and an org: statuses, charts, tasks heat map, completeness. */
export function DashboardPage({ documentId }: { documentId: number }) {
  const [orgId, setOrgId] = useState<number | undefined>();
  const [asOf, setAsOf] = useState<string | undefined>();
  const [status, setStatus] = useState<TargetStatus | null>(null);
  const q = useQuery({ queryKey: dashboardKeys.one(documentId, orgId, asOf), queryFn: () => fetchDashboard(documentId, orgId, asOf) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const shown = d.targets.filter((t) => !status || t.status === status);
  return (
    <div data-testid="dashboard">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{d.document.symbol} — {d.org.name}</Typography.Title>
        <DatePicker format="DD/MM/YYYY" value={dayjs(d.asOf)} onChange={(v) => setAsOf(v ? v.format('YYYY-MM-DD') : undefined)} />
        {orgId !== undefined && <Button onClick={() => setOrgId(undefined)}>Về cấp ban hành</Button>}
        <Button href={`/api/documents/${documentId}/dashboard.xlsx?asOf=${d.asOf}${orgId ? `&orgId=${orgId}` : ''}`}>Xuất Excel</Button>
      </Space>
      <Row gutter={16}>
        {(Object.keys(STATUS) as TargetStatus[]).map((s) => (
          <Col key={s} span={4}>
            <Card size="small" hoverable onClick={() => setStatus(status === s ? null : s)} data-testid={`count-${s}`}>
              <Statistic title={STATUS[s].label} value={d.targetCounts[s]} />
            </Card>
          </Col>
        ))}
        <Col span={4}>
          <Card size="small"><Statistic title={`Báo cáo đã gửi (${d.reports.periodKey ?? ''})`} value={`${d.reports.submitted}/${d.reports.expected}`} /></Card>
        </Col>
      </Row>
      <Card title="Chỉ tiêu" size="small" style={{ marginTop: 16 }}>
        <Table<DashboardTarget>
          rowKey="itemId" size="small" dataSource={shown} pagination={{ pageSize: 20 }}
          expandable={{ expandedRowRender: (t) => <TargetChart target={t} /> }}
          columns={[
            { title: 'Chỉ tiêu', dataIndex: 'text' },
            { title: 'Mục tiêu', dataIndex: 'statement', width: 160 },
            { title: 'Thực hiện', render: (_, t) => `${fmt(t.latest)} ${t.unit}`, width: 140 },
            { title: 'Đánh giá', render: (_, t) => <Tag color={STATUS[t.status].color}>{STATUS[t.status].label}</Tag>, width: 150 },
            { title: 'Lý do', dataIndex: 'reason' },
          ]}
        />
      </Card>
      <Card title={`Nhiệm vụ và báo cáo theo đơn vị — quá hạn: ${d.tasks.overdue}`} size="small" style={{ marginTop: 16 }}>
        <Table
          rowKey="orgId" size="small" dataSource={d.children} pagination={false}
          columns={[
            { title: 'Đơn vị', render: (_, c) => (c.orgId === d.org.id ? c.orgName : <a onClick={() => setOrgId(c.orgId)}>{c.orgName}</a>) },
            { title: 'Nhiệm vụ', render: (_, c) => c.tasks.total },
            { title: 'Quá hạn', render: (_, c) => <Tag color={c.tasks.overdue > 0 ? 'red' : 'green'}>{c.tasks.overdue}</Tag> },
            { title: 'Báo cáo đã gửi', render: (_, c) => `${c.reports.submitted}/${c.reports.expected}` },
            { title: 'Đúng hạn', render: (_, c) => (c.reports.onTimePct === null ? '—' : `${fmt(c.reports.onTimePct)}%`) },
            { title: 'Trễ', render: (_, c) => <Tag color={c.reports.late > 0 ? 'red' : 'default'}>{c.reports.late}</Tag> },
          ]}
        />
      </Card>
    </div>
  );
}
