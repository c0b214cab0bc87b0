import { Card, List, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { fetchCarryLinks, termsKeys } from './terms.api';

const termText = (term: string) => term.replace('-', '–');

/** On a document: the items it took over from an old term, and those it handed to a new one. Nothing when there are none. */
export function CarryLinksPanel({ documentId }: { documentId: number }) {
  const links = useQuery({ queryKey: termsKeys.links(documentId), queryFn: () => fetchCarryLinks(documentId) });
  if (!links.data || (links.data.carriedFrom.length === 0 && links.data.carriedInto.length === 0)) return null;
  return (
    <Card size="small" title="Chuyển tiếp giữa các nhiệm kỳ" style={{ marginTop: 12 }} data-testid="carry-links">
      {links.data.carriedFrom.length > 0 && (
        <List
          header={<Typography.Text strong>Chuyển tiếp từ nhiệm kỳ trước</Typography.Text>}
          dataSource={links.data.carriedFrom}
          renderItem={(l) => (
            <List.Item>
              <span>
                {l.newText}{' '}
                <Tag color="green">
                  từ{' '}
                  <Link to="/documents/$id" params={{ id: String(l.sourceDocument.id) }}>
                    {l.sourceDocument.symbol}
                  </Link>{' '}
                  của {l.sourceDocument.orgName}, nhiệm kỳ {termText(l.sourceDocument.term)}
                </Tag>
                <Typography.Text type="secondary">{l.sourceStatus}</Typography.Text>
              </span>
            </List.Item>
          )}
        />
      )}
      {links.data.carriedInto.length > 0 && (
        <List
          header={<Typography.Text strong>Đã chuyển sang nhiệm kỳ sau</Typography.Text>}
          dataSource={links.data.carriedInto}
          renderItem={(l) => (
            <List.Item>
              <span>
                {l.sourceText}{' '}
                <Tag color="blue">
                  vào{' '}
                  <Link to="/documents/$id" params={{ id: String(l.targetDocument.id) }}>
                    {l.targetDocument.symbol}
                  </Link>{' '}
                  của {l.targetDocument.orgName}, nhiệm kỳ {termText(l.targetDocument.term)}
                </Tag>
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
