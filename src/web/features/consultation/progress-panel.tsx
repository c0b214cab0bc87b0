import { Card, Progress, Space, Tag, Typography } from 'antd';
import { EmptyState } from '../../components/states';
import { formatDate } from '../../lib/format';
import type { Workspace } from './consultation.api';
import { answerLabels } from './labels';

/** Who has answered and who has not, per circulation. */
export function ProgressPanel({ rounds }: { rounds: Workspace['rounds'] }) {
  if (rounds.length === 0) return <EmptyState text="Chưa gửi xin ý kiến lần nào." />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {rounds.map((r) => (
        <Card key={r.id} size="small" title={`Dự thảo lần ${r.versionNo} · hạn ${formatDate(r.deadline)}`}>
          <Typography.Text>
            Đã góp ý {r.answered}/{r.total}
          </Typography.Text>
          <Progress percent={r.total === 0 ? 0 : Math.round((r.answered * 100) / r.total)} size="small" />
          <Space wrap size={[4, 4]}>
            {r.recipients.map((x) => (
              <Tag key={x.id} color={answerLabels[x.state].color} title={answerLabels[x.state].text}>
                {x.name}: {answerLabels[x.state].text}
              </Tag>
            ))}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
