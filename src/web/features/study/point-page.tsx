import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, Input, Modal, Row, Segmented, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import {
  allowMembers, fetchLive, fetchPoint, fetchQr, fetchRoll, importRollCall, markAttendance, rollSheetUrl, statusColors, statusLabels, studyKeys,
  type AttendanceRow, type AttendanceStatus, type Counts,
} from './study.api';

/**
 * The host's page for one bridge point: the QR code to show or print, the list filling in
 * live as members scan, and the roll to mark by hand or from a roll-call sheet.
 */
export function PointPage({ id }: { id: number }) {
  const point = useQuery({ queryKey: studyKeys.point(id), queryFn: () => fetchPoint(id) });
  if (point.isPending) return <Loading />;
  if (point.isError) return <ErrorState error={point.error} onRetry={() => point.refetch()} />;
  const p = point.data;
  return (
    <div>
      <Typography.Text type="secondary"><Link to="/study/sessions/$id" params={{ id: String(p.sessionId) }}>← Về hội nghị</Link></Typography.Text>
      <Typography.Title level={4} style={{ marginTop: 4 }}>{p.name}</Typography.Title>
      <Typography.Paragraph type="secondary">{[p.orgName, p.place, p.hostName && `Phụ trách: ${p.hostName}`].filter(Boolean).join(' · ')}</Typography.Paragraph>
      <Row gutter={16}>
        {p.abilities.update && (
          <Col xs={24} lg={8}>
            <QrCard id={id} />
          </Col>
        )}
        <Col xs={24} lg={p.abilities.update ? 16 : 24}>
          <LiveList id={id} />
        </Col>
      </Row>
      <RollCard id={id} canMark={p.abilities.update} />
    </div>
  );
}

function QrCard({ id }: { id: number }) {
  const qr = useQuery({ queryKey: studyKeys.qr(id), queryFn: () => fetchQr(id), staleTime: Infinity });
  return (
    <Card title="Mã QR điểm danh" size="small" extra={<Button size="small" icon={<PrinterOutlined />} onClick={() => window.print()}>In</Button>}>
      {qr.isPending && <Loading />}
      {qr.isError && <ErrorState error={qr.error} />}
      {qr.data && (
        <div style={{ textAlign: 'center' }}>
          <div data-testid="point-qr" style={{ maxWidth: 320, margin: '0 auto' }} dangerouslySetInnerHTML={{ __html: qr.data.svg }} />
          <Typography.Paragraph copyable={{ text: qr.data.url }} style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="point-qr-url">
            {qr.data.url}
          </Typography.Paragraph>
          <Typography.Text type="secondary">Hiệu lực đến {formatDateTime(qr.data.expiresAt)}</Typography.Text>
        </div>
      )}
    </Card>
  );
}

/** Polls every second for rows after the last one seen: the host sees each scan within about two seconds. */
function LiveList({ id }: { id: number }) {
  const [rows, setRows] = useState<AttendanceRow[]>([]);
  const [counts, setCounts] = useState<Counts | null>(null);
  const cursor = useRef(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const r = await fetchLive(id, cursor.current);
        if (stopped) return;
        cursor.current = r.cursor;
        setCounts(r.counts);
        if (r.items.length > 0) {
          setRows((prev) => {
            const seen = new Map(prev.map((x) => [x.memberId, x]));
            for (const x of r.items) seen.set(x.memberId, x);
            return [...seen.values()].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || (b.seq ?? 0) - (a.seq ?? 0)).slice(0, 500);
          });
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, 1000);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return (
    <Card title="Danh sách điểm danh trực tiếp" size="small" data-testid="live-list">
      {counts && (
        <Row gutter={8} style={{ marginBottom: 12 }}>
          <Col span={6}><Statistic title="Dự kiến" value={counts.expected} groupSeparator="." /></Col>
          <Col span={6}><Statistic title="Có mặt" value={counts.present} groupSeparator="." valueStyle={{ color: '#389e0d' }} data-testid="live-present" /></Col>
          <Col span={6}><Statistic title="Vắng có lý do" value={counts.excused} groupSeparator="." /></Col>
          <Col span={6}><Statistic title="Tỷ lệ" value={counts.expected ? Math.round((counts.present / counts.expected) * 1000) / 10 : 0} suffix="%" decimalSeparator="," /></Col>
        </Row>
      )}
      <Table<AttendanceRow>
        size="small"
        rowKey="memberId"
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: 'Chưa có ai điểm danh' }}
        columns={[
          { title: 'Giờ', dataIndex: 'at', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: 'Họ và tên', dataIndex: 'fullName' },
          { title: 'Chi bộ', dataIndex: 'orgName' },
          { title: 'Trạng thái', dataIndex: 'status', width: 130, render: (s: AttendanceStatus | null) => (s ? <Tag color={statusColors[s]}>{statusLabels[s]}</Tag> : null) },
        ]}
      />
    </Card>
  );
}

function RollCard({ id, canMark }: { id: number; canMark: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [filter, setFilter] = useState('missing');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [excusing, setExcusing] = useState<AttendanceRow | null>(null);
  const [reason, setReason] = useState('');
  const [guestCodes, setGuestCodes] = useState('');
  const query = useMemo(() => ({ filter, q: q || undefined, page, pageSize: 20 }), [filter, q, page]);
  const roll = useQuery({ queryKey: studyKeys.roll(id, query), queryFn: () => fetchRoll(id, query) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['study', 'roll', id] });
    void qc.invalidateQueries({ queryKey: studyKeys.point(id) });
  };
  const mark = useMutation({
    mutationFn: (v: { memberId: number; status: AttendanceStatus; reason?: string }) => markAttendance(id, v.memberId, { status: v.status, reason: v.reason }),
    onSuccess: () => {
      refresh();
      setExcusing(null);
      setReason('');
    },
    onError: (e) => onError(e),
  });
  const upload = useMutation({
    mutationFn: (file: File) => importRollCall(id, file),
    onSuccess: (r) => {
      void message.success(`Đã nhập điểm danh ${r.applied} đảng viên.`);
      refresh();
    },
    onError: (e) => {
      const rows = e instanceof ApiError ? (e.details as { rows?: { row: number; message: string }[] } | null)?.rows : undefined;
      if (rows?.length) void message.error(`${e.message} ${rows.slice(0, 5).map((r) => `Dòng ${r.row}: ${r.message}`).join(' ')}`, 8);
      else onError(e);
    },
  });
  const allow = useMutation({
    mutationFn: () => allowMembers(id, guestCodes.split(/[\s,;]+/).filter(Boolean)),
    onSuccess: (r) => {
      void message.success(`Đã cho phép ${r.added} đảng viên${r.unknown.length ? `; không tìm thấy: ${r.unknown.join(', ')}` : ''}.`);
      setGuestCodes('');
      refresh();
    },
    onError: (e) => onError(e),
  });
  return (
    <Card title="Danh sách dự kiến" size="small" style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <Button size="small" icon={<DownloadOutlined />} href={rollSheetUrl(id)}>Tải bảng điểm danh</Button>
          {canMark && (
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => { upload.mutate(f); return false; }}>
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>Nhập bảng điểm danh</Button>
            </Upload>
          )}
        </Space>
      }>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={filter} onChange={(v) => { setFilter(String(v)); setPage(1); }}
          options={[{ value: 'missing', label: 'Chưa có mặt' }, { value: 'present', label: 'Có mặt' }, { value: 'excused', label: 'Vắng có lý do' }, { value: 'all', label: 'Tất cả' }]} />
        <Input.Search allowClear placeholder="Tìm tên hoặc mã" onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} />
        {canMark && (
          <Space.Compact>
            <Input placeholder="Mã đảng viên khách mời" value={guestCodes} onChange={(e) => setGuestCodes(e.target.value)} style={{ width: 220 }} />
            <Button onClick={() => allow.mutate()} disabled={!guestCodes.trim()} loading={allow.isPending}>Cho phép</Button>
          </Space.Compact>
        )}
      </Space>
      {roll.isError ? <ErrorState error={roll.error} /> : (
        <Table<AttendanceRow>
          size="small" rowKey="memberId" loading={roll.isPending} dataSource={roll.data?.items}
          pagination={{ current: page, pageSize: 20, total: roll.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: 'Mã', dataIndex: 'code', width: 130 },
            { title: 'Họ và tên', dataIndex: 'fullName' },
            { title: 'Chi bộ', dataIndex: 'orgName' },
            { title: 'Trạng thái', dataIndex: 'status', width: 150, render: (s: AttendanceStatus | null, r) => (s ? <Tag color={statusColors[s]}>{statusLabels[s]}{r.reason ? `: ${r.reason}` : ''}</Tag> : <Tag>Chưa điểm danh</Tag>) },
            ...(canMark ? [{
              title: 'Điểm danh', key: 'mark', width: 260,
              render: (_: unknown, r: AttendanceRow) => (
                <Space size={4}>
                  <Button size="small" onClick={() => mark.mutate({ memberId: r.memberId, status: 'present' })} aria-label={`Có mặt ${r.fullName}`}>Có mặt</Button>
                  <Button size="small" onClick={() => setExcusing(r)}>Có lý do</Button>
                  <Button size="small" danger onClick={() => mark.mutate({ memberId: r.memberId, status: 'absent' })}>Vắng</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      )}
      <Modal open={!!excusing} title={`Vắng có lý do: ${excusing?.fullName ?? ''}`} okText="Lưu" cancelText="Hủy" onCancel={() => setExcusing(null)}
        okButtonProps={{ disabled: !reason.trim(), loading: mark.isPending }}
        onOk={() => excusing && mark.mutate({ memberId: excusing.memberId, status: 'excused', reason: reason.trim() })}>
        <Input.TextArea rows={3} placeholder="Lý do vắng" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Lý do vắng" />
      </Modal>
    </Card>
  );
}
