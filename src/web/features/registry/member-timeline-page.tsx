import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { eventKindLabels } from '../../../domain/registry/membership-events';
import { fetchTimeline, registryKeys, type MembershipEvent } from './registry.api';
import { EventEditModal } from './event-edit-modal';
import { RecordEventModal } from './record-event-modal';
import { GradingHistoryLink } from '../grading/history-link';

const standingLabels = {
  none: 'Chưa kết nạp',
  probationary: 'Đảng viên dự bị',
  official: 'Đảng viên chính thức',
  left: 'Đã ra khỏi Đảng',
  deceased: 'Từ trần',
} as const;

/** A member's membership events in date order, with the review date of a probationary member. */
export function MemberTimelinePage({ id }: { id: number }) {
  const q = useQuery({ queryKey: registryKeys.timeline(id), queryFn: () => fetchTimeline(id) });
  const qc = useQueryClient();
  const [editing, setEditing] = useState<MembershipEvent | null>(null);
  const [recording, setRecording] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const { member, events, standing, reviewDue, abilities } = q.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
        {member.fullName}
      </Typography.Title>
      <GradingHistoryLink memberId={id} />
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="Mã đảng viên">{member.code}</Descriptions.Item>
          <Descriptions.Item label="Chi bộ">{member.orgName}</Descriptions.Item>
          <Descriptions.Item label="Ngày sinh">{formatDate(member.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="Tình trạng">
            <Tag color={standing === 'probationary' ? 'orange' : standing === 'official' ? 'green' : 'default'}>
              {standingLabels[standing]}
            </Tag>
          </Descriptions.Item>
          {reviewDue ? <Descriptions.Item label="Hạn xét chuyển chính thức">{formatDate(reviewDue)}</Descriptions.Item> : null}
          {member.hasPersonalData ? (
            <>
              <Descriptions.Item label="Điện thoại">{member.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="Số CCCD">{member.idNumber ?? '—'}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title="Quá trình sinh hoạt đảng"
        extra={abilities.record ? <Button onClick={() => setRecording(true)}>Ghi sự kiện</Button> : null}
      >
        {events.length === 0 ? (
          <Typography.Text type="secondary">Chưa có sự kiện nào được ghi trong sổ (đảng viên có trong danh sách từ trước).</Typography.Text>
        ) : (
          <Timeline
            items={events.map((e) => ({
              key: e.id,
              children: (
                <div>
                  <Typography.Text strong>
                    {formatDate(e.date)} · {eventKindLabels[e.kind].vi}
                  </Typography.Text>
                  {e.transferMode ? <Tag style={{ marginLeft: 8 }}>{e.transferMode === 'official' ? 'chính thức' : 'tạm thời'}</Tag> : null}
                  <div>{e.orgName}</div>
                  <Typography.Text type="secondary">{e.decision}</Typography.Text>
                  {abilities.record ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setEditing(e)}
                      aria-label={`Sửa sự kiện ${eventKindLabels[e.kind].vi} ngày ${formatDate(e.date)}`}
                    >
                      Sửa
                    </Button>
                  ) : null}
                  {e.destination ? <div>Nơi đến: {e.destination}</div> : null}
                  {e.transferCode ? (
                    <div>
                      Mã chuyển sinh hoạt:{' '}
                      <Typography.Text code copyable>
                        {e.transferCode}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
              ),
            }))}
          />
        )}
      </Card>
      {recording ? (
        <RecordEventModal
          memberId={id}
          onDone={(saved) => {
            setRecording(false);
            if (saved) void qc.invalidateQueries({ queryKey: registryKeys.all });
          }}
        />
      ) : null}
      {editing ? (
        <EventEditModal
          event={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void qc.invalidateQueries({ queryKey: registryKeys.all });
          }}
        />
      ) : null}
    </Space>
  );
}
