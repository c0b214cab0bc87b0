import { useState } from 'react';
import { Button, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { itemKindLabels } from '../../../domain/documents';
import { documentKeys, fetchSuggestions, linkItem, unlinkItem, type DocumentItem, type ParentLink } from './documents.api';
import { L } from './labels';

const reasonText: Record<string, string> = { indicator: 'cùng chỉ số', words: 'nội dung tương tự', kind: 'cùng loại' };

/** Links an item to the higher items it concretizes: suggestions first, any item on demand. */
export function LinkModal({ item, onClose }: { item: DocumentItem; onClose: () => void }) {
  const { label } = useLocale();
  const onError = useApiErrorHandler();
  const [links, setLinks] = useState<ParentLink[]>(item.parentLinks.map((p) => ({ ...p })));
  const [picked, setPicked] = useState<number | undefined>();
  const sug = useQuery({ queryKey: documentKeys.suggestions(item.id), queryFn: () => fetchSuggestions(item.id) });
  const add = useMutation({
    mutationFn: (parentItemId: number) => linkItem(item.id, parentItemId),
    onSuccess: setLinks,
    onError: (e) => onError(e),
  });
  const remove = useMutation({
    mutationFn: (parentItemId: number) => unlinkItem(item.id, parentItemId),
    onSuccess: (_v, pid) => setLinks((l) => l.filter((x) => x.parentItemId !== pid)),
    onError: (e) => onError(e),
  });
  const isLinked = (id: number) => links.some((l) => l.parentItemId === id);

  return (
    <Modal
      open
      title={label(L.linkTitle)}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          Xong
        </Button>
      }
      width={820}
      data-testid="link-modal"
    >
      <Typography.Paragraph>
        <Tag>{label(itemKindLabels[item.kind])}</Tag>
        {item.text} {item.statement && <Tag color="blue">{item.statement}</Tag>}
      </Typography.Paragraph>
      {links.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="current-links">
          {links.map((l) => (
            <Tag
              key={l.parentItemId}
              color="purple"
              closable
              onClose={(e) => {
                e.preventDefault();
                remove.mutate(l.parentItemId);
              }}
            >
              {l.symbol}: {l.text.slice(0, 70)}
            </Tag>
          ))}
        </Space>
      )}
      <Typography.Title level={5}>{label(L.suggestions)}</Typography.Title>
      <List
        size="small"
        loading={sug.isPending}
        dataSource={sug.data?.suggestions ?? []}
        locale={{ emptyText: label(L.noResults) }}
        data-testid="link-suggestions"
        renderItem={(s) => (
          <List.Item
            actions={[
              isLinked(s.itemId) ? (
                <Tag key="done" color="green">
                  Đã liên kết
                </Tag>
              ) : (
                <Button key="link" size="small" type="primary" loading={add.isPending} onClick={() => add.mutate(s.itemId)}>
                  {label(L.link)}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  <Tag>{s.symbol}</Tag>
                  {s.text}
                </span>
              }
              description={
                <Space size={4} wrap>
                  {s.statement && <Tag color="blue">{s.statement}</Tag>}
                  <Typography.Text type="secondary">{s.orgName}</Typography.Text>
                  {s.reasons.map((r) => (
                    <Tag key={r} bordered={false}>
                      {reasonText[r] ?? r}
                    </Tag>
                  ))}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{label(L.otherItems)}</Typography.Title>
      <Space.Compact block>
        <Select
          showSearch
          allowClear
          style={{ flex: 1 }}
          optionFilterProp="label"
          value={picked}
          onChange={setPicked}
          options={(sug.data?.candidates ?? []).map((c) => ({
            value: c.itemId,
            label: `${c.symbol} · ${c.text}${c.statement ? ` (${c.statement})` : ''}`.slice(0, 160),
          }))}
        />
        <Button disabled={!picked} onClick={() => picked && add.mutate(picked)}>
          {label(L.link)}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
