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
  allowMembers,
  fetchLive,
  fetchPoint,
  fetchQr,
  fetchRoll,
  importRollCall,
  markAttendance,
  rollSheetUrl,
  statusColors,
  studyKeys,
  type AttendanceRow,
  type AttendanceStatus,
  type Counts,
} from './study.api';
import { useStudyT } from './study.i18n';

/**
 * The host's page for one bridge point: the QR code to show or print, the list filling in
 * live as members scan, and the roll to mark by hand or from a roll-call sheet.
 */
export function PointPage({ id }: { id: number }) {
  const { s } = useStudyT();
  const point = useQuery({ queryKey: studyKeys.point(id), queryFn: () => fetchPoint(id) });
  if (point.isPending) return <Loading />;
  if (point.isError) return <ErrorState error={point.error} onRetry={() => point.refetch()} />;
  const p = point.data;
  return (
    <div>
      <Typography.Text type="secondary">
        <Link to="/study/sessions/$id" params={{ id: String(p.sessionId) }}>
          {s('backToSession')}
        </Link>
      </Typography.Text>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 4 }}>
        {p.name}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {[p.orgName, p.place, p.hostName && s('inCharge', { name: p.hostName })].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
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
  const { s } = useStudyT();
  const qr = useQuery({ queryKey: studyKeys.qr(id), queryFn: () => fetchQr(id), staleTime: Infinity });
  return (
    <Card
      title={s('qrTitle')}
      size="small"
      extra={
        <Button size="small" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {s('print')}
        </Button>
      }
    >
      {qr.isPending && <Loading />}
      {qr.isError && <ErrorState error={qr.error} />}
      {qr.data && (
        <div style={{ textAlign: 'center' }}>
          <div data-testid="point-qr" style={{ maxWidth: 320, margin: '0 auto' }} dangerouslySetInnerHTML={{ __html: qr.data.svg }} />
          <Typography.Paragraph
            copyable={{ text: qr.data.url }}
            style={{ fontSize: 12, wordBreak: 'break-all' }}
            data-testid="point-qr-url"
          >
            {qr.data.url}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{s('validUntil', { time: formatDateTime(qr.data.expiresAt) })}</Typography.Text>
        </div>
      )}
    </Card>
  );
}

/** Polls every second for rows after the last one seen: the host sees each scan within about two seconds. */
function LiveList({ id }: { id: number }) {
  const { s } = useStudyT();
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
    <Card title={s('liveTitle')} size="small" data-testid="live-list">
      {counts && (
        <Row gutter={8} style={{ marginBottom: 12 }}>
          <Col span={6}>
            <Statistic title={s('expected')} value={counts.expected} groupSeparator="." />
          </Col>
          <Col span={6}>
            <Statistic
              title={s('present')}
              value={counts.present}
              groupSeparator="."
              valueStyle={{ color: '#389e0d' }}
              data-testid="live-present"
            />
          </Col>
          <Col span={6}>
            <Statistic title={s('att.excused')} value={counts.excused} groupSeparator="." />
          </Col>
          <Col span={6}>
            <Statistic
              title={s('rate')}
              value={counts.expected ? Math.round((counts.present / counts.expected) * 1000) / 10 : 0}
              suffix="%"
              decimalSeparator=","
            />
          </Col>
        </Row>
      )}
      <Table<AttendanceRow>
        size="small"
        rowKey="memberId"
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: s('nobodyYet') }}
        columns={[
          { title: s('clock'), dataIndex: 'at', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: s('fullName'), dataIndex: 'fullName' },
          { title: s('cell'), dataIndex: 'orgName' },
          {
            title: s('status'),
            dataIndex: 'status',
            width: 130,
            render: (v: AttendanceStatus | null) => (v ? <Tag color={statusColors[v]}>{s(`att.${v}`)}</Tag> : null),
          },
        ]}
      />
    </Card>
  );
}

function RollCard({ id, canMark }: { id: number; canMark: boolean }) {
  const { s } = useStudyT();
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
    mutationFn: (v: { memberId: number; status: AttendanceStatus; reason?: string }) =>
      markAttendance(id, v.memberId, { status: v.status, reason: v.reason }),
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
      void message.success(s('rollImported', { count: r.applied }));
      refresh();
    },
    onError: (e) => {
      const rows = e instanceof ApiError ? (e.details as { rows?: { row: number; message: string }[] } | null)?.rows : undefined;
      if (rows?.length)
        void message.error(
          `${e.message} ${rows
            .slice(0, 5)
            .map((r) => s('rowError', { row: r.row, message: r.message }))
            .join(' ')}`,
          8,
        );
      else onError(e);
    },
  });
  const allow = useMutation({
    mutationFn: () => allowMembers(id, guestCodes.split(/[\s,;]+/).filter(Boolean)),
    onSuccess: (r) => {
      void message.success(
        `${s('allowed', { count: r.added })}${r.unknown.length ? s('notFoundCodes', { codes: r.unknown.join(', ') }) : ''}.`,
      );
      setGuestCodes('');
      refresh();
    },
    onError: (e) => onError(e),
  });
  return (
    <Card
      title={s('rollTitle')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <Button size="small" icon={<DownloadOutlined />} href={rollSheetUrl(id)}>
            {s('downloadRoll')}
          </Button>
          {canMark && (
            <Link to="/study/points/$id/codes" params={{ id: String(id) }} data-testid="print-codes">
              <Button size="small" icon={<PrinterOutlined />}>
                {s('printCodes')}
              </Button>
            </Link>
          )}
          {canMark && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(f) => {
                upload.mutate(f);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
                {s('importRoll')}
              </Button>
            </Upload>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => {
            setFilter(String(v));
            setPage(1);
          }}
          options={[
            { value: 'missing', label: s('missing') },
            { value: 'present', label: s('present') },
            { value: 'excused', label: s('att.excused') },
            { value: 'all', label: s('all') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={s('searchNameCode')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        {canMark && (
          <Space.Compact>
            <Input
              placeholder={s('guestCodes')}
              aria-label={s('guestCodes')}
              value={guestCodes}
              onChange={(e) => setGuestCodes(e.target.value)}
              style={{ width: 220 }}
            />
            <Button onClick={() => allow.mutate()} disabled={!guestCodes.trim()} loading={allow.isPending}>
              {s('allow')}
            </Button>
          </Space.Compact>
        )}
      </Space>
      {roll.isError ? (
        <ErrorState error={roll.error} />
      ) : (
        <Table<AttendanceRow>
          size="small"
          rowKey="memberId"
          loading={roll.isPending}
          dataSource={roll.data?.items}
          pagination={{ current: page, pageSize: 20, total: roll.data?.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: s('code'), dataIndex: 'code', width: 130 },
            { title: s('fullName'), dataIndex: 'fullName' },
            ...(roll.data?.items.some((r) => r.personalCode)
              ? [
                  {
                    title: s('personalCode'),
                    dataIndex: 'personalCode',
                    width: 130,
                    render: (v: string | null) => (
                      <Typography.Text code data-testid="personal-code">
                        {v}
                      </Typography.Text>
                    ),
                  },
                ]
              : []),
            { title: s('cell'), dataIndex: 'orgName' },
            {
              title: s('status'),
              dataIndex: 'status',
              width: 150,
              render: (v: AttendanceStatus | null, r) =>
                v ? (
                  <Tag color={statusColors[v]}>
                    {s(`att.${v}`)}
                    {r.reason ? `: ${r.reason}` : ''}
                  </Tag>
                ) : (
                  <Tag>{s('notCheckedIn')}</Tag>
                ),
            },
            ...(canMark
              ? [
                  {
                    title: s('checkin'),
                    key: 'mark',
                    width: 260,
                    render: (_: unknown, r: AttendanceRow) => (
                      <Space size={4}>
                        <Button
                          size="small"
                          onClick={() => mark.mutate({ memberId: r.memberId, status: 'present' })}
                          aria-label={s('presentOf', { name: r.fullName })}
                        >
                          {s('present')}
                        </Button>
                        <Button size="small" onClick={() => setExcusing(r)}>
                          {s('excusedShort')}
                        </Button>
                        <Button size="small" danger onClick={() => mark.mutate({ memberId: r.memberId, status: 'absent' })}>
                          {s('absentShort')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={!!excusing}
        title={s('excusedOf', { name: excusing?.fullName ?? '' })}
        okText={s('save')}
        cancelText={s('cancel')}
        onCancel={() => setExcusing(null)}
        okButtonProps={{ disabled: !reason.trim(), loading: mark.isPending }}
        onOk={() => excusing && mark.mutate({ memberId: excusing.memberId, status: 'excused', reason: reason.trim() })}
      >
        <Input.TextArea
          rows={3}
          placeholder={s('absenceReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={s('absenceReason')}
        />
      </Modal>
    </Card>
  );
}
