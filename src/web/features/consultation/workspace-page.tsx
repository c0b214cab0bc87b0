import { useState } from 'react';
import { App, Button, Input, List, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { AdoptionForm } from './adoption-form';
import { CommentsPanel } from './comments-panel';
import { ComparePanel } from './compare-panel';
import { ConferenceForm } from './conference-form';
import { addNote, consultationKeys, fetchNotes, fetchWorkspace, publishSynthesis, synthesisDocxUrl } from './consultation.api';
import { DraftPanel } from './draft-panel';
import { ProgressPanel } from './progress-panel';
import { TeamPanel } from './team-panel';
import { teamRoleLabels } from './labels';

function NotesPanel({ documentId }: { documentId: number }) {
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [body, setBody] = useState('');
  const notes = useQuery({ queryKey: consultationKeys.notes(documentId), queryFn: () => fetchNotes(documentId) });
  const save = useMutation({
    mutationFn: () => addNote(documentId, body),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: consultationKeys.notes(documentId) });
    },
    onError: (e) => onError(e),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">Ghi chú làm việc chỉ Tổ biên tập xem được.</Typography.Text>
      <Input.TextArea rows={2} value={body} onChange={(e) => setBody(e.target.value)} aria-label="Ghi chú mới" />
      <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!body.trim()}>
        Thêm ghi chú
      </Button>
      <List
        dataSource={notes.data?.items ?? []}
        renderItem={(n) => (
          <List.Item key={n.id}>
            <Space direction="vertical" size={0}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Text>
              <Typography.Text type="secondary">
                {n.authorName} · {formatDateTime(n.createdAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

/**
 * The editorial group's workspace on a draft: comments grouped by item with their disposition
 * in place, who has and has not answered, the draft and its versions, circulation, the
 * comparison of versions, conference comments and the adoption.
 */
export function WorkspacePage({ id }: { id: number }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const ws = useQuery({ queryKey: consultationKeys.workspace(id), queryFn: () => fetchWorkspace(id) });
  const publish = useMutation({
    mutationFn: () => publishSynthesis(id),
    onSuccess: () => {
      void message.success('Đã công bố tổng hợp ý kiến tới các nơi được xin ý kiến.');
      void qc.invalidateQueries({ queryKey: consultationKeys.all });
    },
    onError: (e) => onError(e),
  });
  if (ws.isPending) return <Loading />;
  if (ws.isError) return <ErrorState error={ws.error} onRetry={() => void ws.refetch()} />;
  const w = ws.data;
  const isTeam = w.myRole !== null;
  const answered = w.rounds.reduce((s, r) => s + r.answered, 0);
  const total = w.rounds.reduce((s, r) => s + r.total, 0);
  const tabs = [
    ...(isTeam
      ? [
          {
            key: 'comments',
            label: `Góp ý theo mục (${w.comments.undisposed} chưa xử lý)`,
            children: <CommentsPanel documentId={id} canDispose={w.abilities.dispose} />,
          },
        ]
      : []),
    { key: 'progress', label: `Tiến độ góp ý (${answered}/${total})`, children: <ProgressPanel rounds={w.rounds} /> },
    { key: 'draft', label: 'Dự thảo và gửi xin ý kiến', children: <DraftPanel workspace={w} /> },
    ...(w.abilities.enterConference
      ? [{ key: 'conference', label: 'Ý kiến tại hội nghị', children: <ConferenceForm workspace={w} /> }]
      : []),
    ...(isTeam ? [{ key: 'compare', label: 'So sánh phiên bản', children: <ComparePanel workspace={w} /> }] : []),
    { key: 'adopt', label: 'Thông qua', children: <AdoptionForm workspace={w} /> },
    { key: 'team', label: 'Tổ biên tập', children: <TeamPanel workspace={w} /> },
    ...(isTeam ? [{ key: 'notes', label: 'Ghi chú', children: <NotesPanel documentId={id} /> }] : []),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {w.document.title}
        </Typography.Title>
        <Space wrap size={4}>
          <Typography.Text type="secondary">
            {w.document.symbol} · {w.document.orgName}
          </Typography.Text>
          {w.document.status === 'draft' ? (
            <Tag color="orange">Dự thảo</Tag>
          ) : (
            <Tag color="green">Đã thông qua {formatDate(w.document.issueDate)}</Tag>
          )}
          {w.myRole && <Tag color="blue">{teamRoleLabels[w.myRole]}</Tag>}
          {w.synthesisPublishedAt && <Tag color="purple">Đã công bố tổng hợp</Tag>}
        </Space>
      </div>
      <Space wrap>
        {w.comments.total > 0 && (
          <Button href={synthesisDocxUrl(id)} download>
            Tải báo cáo tổng hợp ý kiến (Word)
          </Button>
        )}
        {w.abilities.publish && !w.synthesisPublishedAt && w.comments.total > 0 && (
          <Popconfirm title="Mọi nơi được xin ý kiến sẽ xem được toàn bộ góp ý và cách xử lý. Công bố?" onConfirm={() => publish.mutate()}>
            <Button>Công bố tổng hợp ý kiến</Button>
          </Popconfirm>
        )}
      </Space>
      <Tabs items={tabs} defaultActiveKey={isTeam ? 'comments' : 'team'} />
    </Space>
  );
}
