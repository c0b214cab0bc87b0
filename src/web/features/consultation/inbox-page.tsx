import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatDate } from '../../lib/format';
import { consultationKeys, fetchInbox } from './consultation.api';
import { answerLabels, teamRoleLabels } from './labels';

/**
 * "Góp ý dự thảo": the drafts sent to me or my organization for comments, with their deadline
 * and whether we answered; and the drafts whose editorial group I am on (or may form).
 */
export function ConsultationInboxPage() {
  const inbox = useQuery({ queryKey: consultationKeys.inbox, queryFn: fetchInbox });
  if (inbox.isPending) return <Loading />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const { items, drafts } = inbox.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} className="page-title" style={{ margin: 0 }}>
        Góp ý dự thảo
      </Typography.Title>
      <Card title="Dự thảo gửi xin ý kiến">
        {items.length === 0 ? (
          <EmptyState text="Chưa có dự thảo nào gửi xin ý kiến." />
        ) : (
          <List
            dataSource={items}
            renderItem={(i) => (
              <List.Item key={i.recipientId}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Link to="/drafts/$id" params={{ id: String(i.versionId) }} search={{ recipient: i.recipientId }}>
                    <Typography.Text strong>{i.documentTitle}</Typography.Text>
                  </Link>
                  <Typography.Text type="secondary">
                    {i.issuerName} · Dự thảo lần {i.versionNo} · Góp ý nhân danh: {i.recipientName}
                  </Typography.Text>
                  <Space wrap>
                    <Tag color={answerLabels[i.state].color}>{answerLabels[i.state].text}</Tag>
                    <Typography.Text>Hạn: {formatDate(i.deadline)}</Typography.Text>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title="Tổ biên tập">
        {drafts.length === 0 ? (
          <EmptyState text="Bạn không ở Tổ biên tập dự thảo nào." />
        ) : (
          <List
            dataSource={drafts}
            renderItem={(d) => (
              <List.Item key={d.documentId}>
                <Space direction="vertical" size={2}>
                  <Link to="/consultation/documents/$id" params={{ id: String(d.documentId) }}>
                    <Typography.Text strong>{d.title}</Typography.Text>
                  </Link>
                  <Typography.Text type="secondary">
                    {d.symbol} · {d.orgName}
                    {d.role ? ` · ${teamRoleLabels[d.role]}` : ' · Lãnh đạo đơn vị ban hành'}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
