import { useState } from 'react';
import { Card, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatVnNumber } from '../../lib/format';
import { commentAuthor } from './comment-card';
import { consultationKeys, fetchComparison, type Workspace } from './consultation.api';
import { changeLabels, itemKindLabels } from './labels';

const valueText = (v: { value: number | null; unit: string | null } | null) =>
  v && v.value !== null ? ` (${formatVnNumber(v.value)}${v.unit ? ` ${v.unit}` : ''})` : '';

/** Two versions item by item, with the comments taken in that caused each change. */
export function ComparePanel({ workspace: ws }: { workspace: Workspace }) {
  const versions = ws.versions;
  // Until the user picks, the two latest versions: the list grows when a version is issued.
  const [pickedFrom, setFrom] = useState<number | undefined>();
  const [pickedTo, setTo] = useState<number | undefined>();
  const from = pickedFrom ?? versions.at(-2)?.id;
  const to = pickedTo ?? versions.at(-1)?.id;
  const [showSame, setShowSame] = useState(false);
  const cmp = useQuery({
    queryKey: consultationKeys.compare(ws.document.id, from ?? 0, to ?? 0),
    queryFn: () => fetchComparison(ws.document.id, from!, to!),
    enabled: from !== undefined && to !== undefined && from !== to,
  });
  if (versions.length < 2) return <EmptyState text="Cần ít nhất hai lần phát hành để so sánh." />;
  const options = versions.map((v) => ({ value: v.id, label: `Dự thảo lần ${v.versionNo}` }));
  const items = (cmp.data?.items ?? []).filter((i) => showSame || i.change !== 'same');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={from} onChange={setFrom} options={options} style={{ minWidth: 150 }} aria-label="Phiên bản trước" />
        <Typography.Text>so với</Typography.Text>
        <Select value={to} onChange={setTo} options={options} style={{ minWidth: 150 }} aria-label="Phiên bản sau" />
        <Select
          value={showSame ? 'all' : 'changed'}
          onChange={(v) => setShowSame(v === 'all')}
          options={[
            { value: 'changed', label: 'Chỉ mục thay đổi' },
            { value: 'all', label: 'Tất cả các mục' },
          ]}
          aria-label="Hiển thị"
        />
      </Space>
      {cmp.fetchStatus === 'fetching' && !cmp.data && <Loading />}
      {cmp.isError && <ErrorState error={cmp.error} />}
      {cmp.data && items.length === 0 && <EmptyState text="Hai phiên bản giống nhau." />}
      {items.map((i) => (
        <Card key={i.stableKey} size="small" data-testid={`change-${i.change}`}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap size={4}>
              <Tag color={changeLabels[i.change].color}>{changeLabels[i.change].text}</Tag>
              <Tag>{itemKindLabels[i.kind] ?? i.kind}</Tag>
              {i.differences.includes('text') && <Tag>lời văn</Tag>}
              {i.differences.includes('value') && <Tag>giá trị</Tag>}
              {i.differences.includes('position') && <Tag>vị trí</Tag>}
            </Space>
            {i.from && i.change !== 'same' && (
              <Typography.Text delete={i.change !== 'added'} type="secondary">
                {i.from.text}
                {valueText(i.from)}
              </Typography.Text>
            )}
            {i.to && (
              <Typography.Text>
                {i.to.text}
                {valueText(i.to)}
              </Typography.Text>
            )}
            {i.causes.length > 0 && (
              <Typography.Text type="success">Tiếp thu ý kiến: {i.causes.map((c) => commentAuthor(c)).join('; ')}</Typography.Text>
            )}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
