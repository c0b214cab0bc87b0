import { useState } from 'react';
import { Button, Card, Col, InputNumber, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState } from '../../components/states';
import { useLocale } from '../../app/locale';
import { itemKindLabels, planDutyLabels } from '../../../domain/documents';
import { orgKindLabels, type OrgKind } from '../../../domain/orgs/org-kinds';
import { documentKeys, fetchGaps } from './documents.api';
import { L } from './labels';

type Shown = 'missing' | 'issued' | 'untaken';

/** Which lower orgs have not issued their program or plan, and which items nobody took up. */
export function GapsPanel({ documentId }: { documentId: number }) {
  const { label } = useLocale();
  const [depth, setDepth] = useState(1);
  const [shown, setShown] = useState<Shown>('missing');
  const gaps = useQuery({
    queryKey: documentKeys.gaps(documentId, depth),
    queryFn: () => fetchGaps(documentId, depth),
    placeholderData: keepPreviousData,
  });
  if (gaps.isError) return <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} />;
  const g = gaps.data;
  // The figures are buttons: each opens the list it counts.
  const figure = (key: Shown, title: string, value: number | undefined, color?: string) => (
    <Card
      size="small"
      hoverable
      onClick={() => setShown(key)}
      style={{ borderColor: shown === key ? '#1677ff' : undefined }}
      data-testid={`gap-count-${key}`}
    >
      <Statistic title={title} value={value ?? 0} valueStyle={{ color }} />
    </Card>
  );
  return (
    <div data-testid="gaps-panel">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{label(L.depth)}:</Typography.Text>
        <InputNumber min={1} max={6} value={depth} onChange={(v) => setDepth(v ?? 1)} aria-label={label(L.depth)} data-testid="gap-depth" />
        {gaps.isFetching && <Typography.Text type="secondary">…</Typography.Text>}
      </Space>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={8}>{figure('missing', label(L.missingOrgs), g?.missingCount, '#cf1322')}</Col>
        <Col span={8}>{figure('issued', label(L.issuedOrgs), g?.issuedCount, '#389e0d')}</Col>
        <Col span={8}>{figure('untaken', label(L.untaken), g?.untakenCount, '#d48806')}</Col>
      </Row>
      {shown === 'missing' && (
        <List
          size="small"
          bordered
          dataSource={g?.missingOrgs ?? []}
          data-testid="gap-missing-orgs"
          header={<b>{label(L.missingOrgs)}</b>}
          renderItem={(o) => (
            <List.Item>
              <span>
                <Link to="/orgs" search={{ orgId: o.id }}>
                  {o.name}
                </Link>
                <br />
                <Typography.Text type="secondary" data-testid="gap-reason">
                  {label(planDutyLabels[o.reason])}
                </Typography.Text>
              </span>
              <Space wrap>
                {(o.documents ?? []).map((d) => (
                  <Link key={d.id} to="/documents/$id" params={{ id: String(d.id) }}>
                    <Tag color="gold">{d.symbol} (dự thảo)</Tag>
                  </Link>
                ))}
                <Tag>{label(orgKindLabels[o.kind as OrgKind])}</Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
      {shown === 'issued' && (
        <List
          size="small"
          bordered
          dataSource={g?.issuedOrgs ?? []}
          data-testid="gap-issued-orgs"
          header={<b>{label(L.issuedOrgs)}</b>}
          renderItem={(o) => (
            <List.Item>
              <span>
                {o.name}
                <br />
                <Typography.Text type="secondary">{label(planDutyLabels[o.reason])}</Typography.Text>
              </span>
              <Space wrap>
                {(o.documents ?? []).map((d) => (
                  <Link key={d.id} to="/documents/$id" params={{ id: String(d.id) }}>
                    <Tag color="green">{d.symbol}</Tag>
                  </Link>
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
      {shown === 'untaken' && (
        <List
          size="small"
          bordered
          dataSource={g?.untakenItems ?? []}
          data-testid="gap-untaken-items"
          header={<b>{label(L.untaken)}</b>}
          renderItem={(i) => (
            <List.Item>
              <span>
                <Tag>{label(itemKindLabels[i.kind])}</Tag>
                {i.text} {i.statement && <Tag color="blue">{i.statement}</Tag>}
              </span>
              <Link to="/cascade/$itemId" params={{ itemId: String(i.itemId) }}>
                <Button size="small">{label(L.openCascade)}</Button>
              </Link>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
