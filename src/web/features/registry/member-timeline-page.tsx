import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { eventKindLabels } from '../../../domain/registry/membership-events';
import { fetchTimeline, registryKeys, type MembershipEvent } from './registry.api';
import { EventEditModal } from './event-edit-modal';
import { RecordEventModal } from './record-event-modal';
import { GradingHistoryLink } from '../grading/history-link';
import { useLocale } from '../../app/locale';
import { useRegistryT } from './registry.i18n';

/** A member's membership events in date order, with the review date of a probationary member. */
export function MemberTimelinePage({ id }: { id: number }) {
  const { r } = useRegistryT();
  const { t } = useTranslation();
  const { label } = useLocale();
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
          <Descriptions.Item label={r('memberCode')}>{member.code}</Descriptions.Item>
          <Descriptions.Item label={r('cell')}>{member.orgName}</Descriptions.Item>
          <Descriptions.Item label={r('birthDate')}>{formatDate(member.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={r('standing')}>
            <Tag color={standing === 'probationary' ? 'orange' : standing === 'official' ? 'green' : 'default'}>
              {r(`standing.${standing}`)}
            </Tag>
          </Descriptions.Item>
          {reviewDue ? <Descriptions.Item label={r('reviewDue')}>{formatDate(reviewDue)}</Descriptions.Item> : null}
          {member.hasPersonalData ? (
            <>
              <Descriptions.Item label={r('phone')}>{member.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={r('idNumber')}>{member.idNumber ?? '—'}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={r('history')}
        extra={abilities.record ? <Button onClick={() => setRecording(true)}>{r('recordEvent')}</Button> : null}
      >
        {events.length === 0 ? (
          <Typography.Text type="secondary">{r('noEvents')}</Typography.Text>
        ) : (
          <Timeline
            items={events.map((e) => ({
              key: e.id,
              children: (
                <div>
                  <Typography.Text strong>
                    {formatDate(e.date)} · {label(eventKindLabels[e.kind])}
                  </Typography.Text>
                  {e.transferMode ? <Tag style={{ marginLeft: 8 }}>{r(`mode.${e.transferMode}`)}</Tag> : null}
                  <div>{e.orgName}</div>
                  <Typography.Text type="secondary">{e.decision}</Typography.Text>
                  {abilities.record ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setEditing(e)}
                      aria-label={r('editEventNamed', { kind: label(eventKindLabels[e.kind]), d: formatDate(e.date) })}
                    >
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {e.destination ? (
                    <div>
                      {r('destination')}: {e.destination}
                    </div>
                  ) : null}
                  {e.transferCode ? (
                    <div>
                      {r('transferCode')}:{' '}
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
