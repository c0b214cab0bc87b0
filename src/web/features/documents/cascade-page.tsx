import { useState } from 'react';
import { Alert, Card, Col, Empty, Row, Space, Steps, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading } from '../../components/states';
import { formatVnNumber } from '../../lib/format';
import { useLocale } from '../../app/locale';
import { itemKindLabels } from '../../../domain/documents';
import { documentKeys, fetchChain, fetchConcretizations, type CascadeChild } from './documents.api';
import { L } from './labels';

function ChildTitle({ c }: { c: CascadeChild }) {
  const { label } = useLocale();
  return (
    <span data-testid="cascade-node">
      <b>{c.orgName}</b>{' '}
      <Link to="/documents/$id" params={{ id: String(c.documentId) }} hash={`item-${c.itemId}`}>
        <Tag>{c.symbol}</Tag>
      </Link>
      <Tag bordered={false}>{label(itemKindLabels[c.kind])}</Tag>
      {c.text.slice(0, 140)} {c.statement && <Tag color={c.isWeaker ? 'red' : 'blue'}>{c.statement}</Tag>}
      {c.isWeaker && (
        <Tag icon={<WarningOutlined />} color="error">
          {label(L.weaker)}
        </Tag>
      )}
      {c.documentStatus === 'draft' && <Tag color="gold">Dự thảo</Tag>}
      {' · '}
      {/* Underlined and named: a bare number in a line of text is neither seen as a link nor understood. */}
      <Link to="/cascade/$itemId" params={{ itemId: String(c.itemId) }} style={{ textDecoration: 'underline' }}>
        {label(L.concretizedBy)}: {c.childCount}
      </Link>
    </span>
  );
}

type Node = TreeDataNode & { itemId: number };

/**
 * Top-down, level by level: the item, then the items of lower orgs that concretize it; each
 * level opens on demand. Bottom-up beside it: the chain this item concretizes up to the top.
 */
export function CascadePage({ itemId }: { itemId: number }) {
  const { label } = useLocale();
  const qc = useQueryClient();
  const top = useQuery({ queryKey: documentKeys.concretizations(itemId), queryFn: () => fetchConcretizations(itemId) });
  const chain = useQuery({ queryKey: documentKeys.chain(itemId), queryFn: () => fetchChain(itemId) });
  const [extra, setExtra] = useState<Map<number, Node[]>>(new Map());

  if (top.isPending) return <Loading />;
  if (top.isError) return <ErrorState error={top.error} onRetry={() => void top.refetch()} />;
  const v = top.data;
  const toNode = (c: CascadeChild): Node => ({
    key: `${c.itemId}`,
    itemId: c.itemId,
    title: <ChildTitle c={c} />,
    isLeaf: c.childCount === 0,
    children: extra.get(c.itemId),
  });
  const treeData = v.children.map(toNode);
  const attach = (nodes: Node[]): Node[] =>
    nodes.map((n) => ({ ...n, children: extra.get(n.itemId) ? attach(extra.get(n.itemId)!) : undefined }));
  const loadData = async (node: TreeDataNode) => {
    const id = (node as Node).itemId;
    if (extra.has(id)) return;
    const res = await qc.fetchQuery({ queryKey: documentKeys.concretizations(id), queryFn: () => fetchConcretizations(id) });
    setExtra((m) => new Map(m).set(id, res.children.map(toNode)));
  };
  const chainUp = (chain.data?.nodes ?? []).filter((n) => n.itemId !== itemId).sort((a, b) => b.depth - a.depth);

  return (
    <div>
      <Typography.Text type="secondary">
        <Link to="/documents/$id" params={{ id: String(v.item.documentId) }}>
          {v.item.symbol}
        </Link>{' '}
        · {v.item.orgName}
      </Typography.Text>
      <Typography.Title level={1} className="page-title" style={{ marginTop: 4 }} data-testid="cascade-title">
        {v.item.text}{' '}
        {v.item.statement && (
          <Tag color="blue" style={{ fontSize: 14 }}>
            {v.item.statement}
          </Tag>
        )}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title={`${label(L.topDown)} — ${v.orgCount} ${label(L.orgsTookUp)}`} data-testid="cascade-children">
            {v.weakerCount > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                message={`${v.weakerCount} chỉ tiêu cấp dưới thấp hơn chỉ tiêu này.`}
              />
            )}
            {v.quota && (
              <Alert
                type={v.quota.isCovered ? 'success' : 'warning'}
                showIcon
                style={{ marginBottom: 8 }}
                data-testid="quota"
                message={`${label(L.quota)}: ${formatVnNumber(v.quota.childrenSum)} / ${v.quota.parentValue === null ? '?' : formatVnNumber(v.quota.parentValue)} (${v.quota.childCount} chỉ tiêu cấp dưới${v.quota.difference !== null && v.quota.difference < 0 ? `, còn thiếu ${formatVnNumber(-v.quota.difference)}` : ''})`}
              />
            )}
            {treeData.length === 0 ? (
              <Empty description={label(L.noChildren)} />
            ) : (
              <Tree treeData={attach(treeData)} loadData={loadData} showLine blockNode selectable={false} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={label(L.bottomUp)} data-testid="cascade-chain">
            {chainUp.length === 0 ? (
              <Typography.Text type="secondary">Mục này không cụ thể hóa mục cấp trên nào.</Typography.Text>
            ) : (
              <Steps
                direction="vertical"
                size="small"
                current={chainUp.length}
                items={[
                  ...chainUp.map((n) => ({
                    title: (
                      <Link to="/cascade/$itemId" params={{ itemId: String(n.itemId) }}>
                        {n.orgName}
                      </Link>
                    ),
                    description: (
                      <Space direction="vertical" size={0}>
                        <span>
                          <Tag>{n.symbol}</Tag>
                          {n.text.slice(0, 120)}
                        </span>
                        {n.statement && <Tag color="blue">{n.statement}</Tag>}
                      </Space>
                    ),
                  })),
                  { title: v.item.orgName, description: v.item.text.slice(0, 120) },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
