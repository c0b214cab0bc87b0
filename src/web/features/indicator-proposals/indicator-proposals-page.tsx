import { useState } from 'react';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale } from '../../app/locale';
import { EmptyState, ErrorState } from '../../components/states';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { formatVnDateTime } from '../../../domain/vn-time';
import type { Label } from '../../../domain/orgs/org-kinds';
import { documentKeys, fetchIndicators } from '../documents/documents.api';
import { acceptProposal, fetchProposals, mergeProposal, proposalKeys, type IndicatorProposal } from './indicator-proposals.api';

const L = {
  title: { vi: 'Chỉ số chờ duyệt', en: 'Indicator proposals' },
  intro: {
    vi: 'Chỉ số mới đọc được khi nhập chỉ tiêu từ văn bản. Chúng chỉ dùng trong văn bản đã đề xuất, chưa vào danh mục chỉ số dùng chung, cho đến khi quản trị viên nhận (có thể đổi tên) hoặc gộp vào một chỉ số đã có.',
    en: 'New indicators read while importing targets from text. They are used only by the proposing document, not the shared catalog, until an administrator accepts (perhaps renamed) or merges them into an existing indicator.',
  },
  name: { vi: 'Chỉ số đề xuất', en: 'Proposed indicator' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  document: { vi: 'Văn bản đề xuất', en: 'Proposing document' },
  proposedBy: { vi: 'Người đề xuất', en: 'Proposed by' },
  targets: { vi: 'Số chỉ tiêu', en: 'Targets' },
  similar: { vi: 'Chỉ số gần nghĩa trong danh mục', en: 'Similar catalog indicators' },
  none: { vi: 'Không có chỉ số gần nghĩa', en: 'No similar indicator' },
  accept: { vi: 'Nhận vào danh mục', en: 'Accept' },
  merge: { vi: 'Gộp vào chỉ số có sẵn', en: 'Merge' },
  acceptTitle: { vi: 'Nhận chỉ số vào danh mục dùng chung', en: 'Accept into the shared catalog' },
  mergeTitle: { vi: 'Gộp vào chỉ số đã có trong danh mục', en: 'Merge into a catalog indicator' },
  newName: { vi: 'Tên trong danh mục (sửa nếu cần)', en: 'Name in the catalog (edit if needed)' },
  into: { vi: 'Chỉ số trong danh mục', en: 'Catalog indicator' },
  accepted: { vi: 'Đã nhận chỉ số vào danh mục', en: 'Accepted into the catalog' },
  merged: { vi: 'Đã gộp; {n} chỉ tiêu chuyển sang chỉ số đã chọn', en: 'Merged; {n} targets moved' },
  empty: { vi: 'Không có chỉ số nào chờ duyệt.', en: 'No indicator is waiting.' },
  confidence: { vi: 'độ khớp', en: 'match' },
} satisfies Record<string, Label>;

const percent = (score: number) => `${Math.round(score * 100)}%`;

/** The administrator's page: proposals from pasted texts, each accepted, renamed or merged. */
export function IndicatorProposalsPage() {
  const { label } = useLocale();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const proposals = useQuery({ queryKey: proposalKeys.all, queryFn: fetchProposals });
  const catalog = useQuery({ queryKey: documentKeys.indicators, queryFn: fetchIndicators });
  const [accepting, setAccepting] = useState<{ proposal: IndicatorProposal; name: string } | null>(null);
  const [merging, setMerging] = useState<{ proposal: IndicatorProposal; indicatorId: number | null } | null>(null);
  const done = () => {
    void qc.invalidateQueries({ queryKey: proposalKeys.all });
    void qc.invalidateQueries({ queryKey: documentKeys.indicators });
  };
  const accept = useMutation({
    mutationFn: (a: { proposal: IndicatorProposal; name: string }) =>
      acceptProposal(a.proposal.id, { version: a.proposal.version, name: a.name.trim() }),
    onSuccess: () => {
      void message.success(label(L.accepted));
      setAccepting(null);
      done();
    },
    onError: (e) => onError(e),
  });
  const merge = useMutation({
    mutationFn: (m: { proposal: IndicatorProposal; indicatorId: number }) =>
      mergeProposal(m.proposal.id, { version: m.proposal.version, indicatorId: m.indicatorId }),
    onSuccess: (r) => {
      void message.success(label(L.merged).replace('{n}', String(r.movedTargets)));
      setMerging(null);
      done();
    },
    onError: (e) => onError(e),
  });

  const columns: TableProps<IndicatorProposal>['columns'] = [
    {
      title: label(L.name),
      key: 'name',
      render: (_: unknown, p) => (
        <Space direction="vertical" size={2}>
          <Typography.Text strong data-testid="proposal-name">
            {p.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code}
            {p.unit ? ` · ${p.unit}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: label(L.document),
      key: 'document',
      responsive: ['md'],
      render: (_: unknown, p) => (
        <Space direction="vertical" size={2}>
          <Typography.Text>
            {p.documentSymbol} · {p.documentTitle}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.orgName}
            {p.proposedBy ? ` · ${p.proposedBy}` : ''}
            {p.proposedAt ? ` · ${formatVnDateTime(p.proposedAt)}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    { title: label(L.targets), dataIndex: 'targetCount', width: 90, align: 'right', responsive: ['lg'] },
    {
      title: label(L.similar),
      key: 'similar',
      responsive: ['md'],
      render: (_: unknown, p) =>
        p.suggestions.length === 0 ? (
          <Typography.Text type="secondary">{label(L.none)}</Typography.Text>
        ) : (
          <Space direction="vertical" size={2}>
            {p.suggestions.map((s) => (
              <span key={s.id}>
                {s.name}{' '}
                <Tag color={s.score >= 0.7 ? 'green' : 'default'}>
                  {label(L.confidence)} {percent(s.score)}
                </Tag>
              </span>
            ))}
          </Space>
        ),
    },
    {
      key: 'actions',
      width: 200,
      render: (_: unknown, p) => (
        <Space wrap size={4}>
          <Button size="small" type="primary" data-testid="proposal-accept" onClick={() => setAccepting({ proposal: p, name: p.name })}>
            {label(L.accept)}
          </Button>
          <Button
            size="small"
            data-testid="proposal-merge"
            onClick={() => setMerging({ proposal: p, indicatorId: p.suggestions[0]?.id ?? null })}
          >
            {label(L.merge)}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        // The page's one h1, at the size of a card title.
        <Typography.Title level={1} style={{ margin: 0, fontSize: 16 }}>
          {label(L.title)}
        </Typography.Title>
      }
      data-testid="indicator-proposals"
    >
      <Typography.Paragraph type="secondary">{label(L.intro)}</Typography.Paragraph>
      {proposals.isError ? (
        <ErrorState error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : (
        <Table<IndicatorProposal>
          rowKey="id"
          size="small"
          loading={proposals.isLoading}
          columns={columns}
          dataSource={proposals.data ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState text={label(L.empty)} /> }}
        />
      )}
      <Modal
        open={accepting !== null}
        title={label(L.acceptTitle)}
        okText={label(L.accept)}
        confirmLoading={accept.isPending}
        okButtonProps={{ disabled: (accepting?.name.trim().length ?? 0) < 3 }}
        onCancel={() => setAccepting(null)}
        onOk={() => accepting && accept.mutate(accepting)}
      >
        <Typography.Text>{label(L.newName)}</Typography.Text>
        <Input
          aria-label={label(L.newName)}
          data-testid="proposal-new-name"
          value={accepting?.name ?? ''}
          onChange={(e) => accepting && setAccepting({ ...accepting, name: e.target.value })}
        />
      </Modal>
      <Modal
        open={merging !== null}
        title={label(L.mergeTitle)}
        okText={label(L.merge)}
        confirmLoading={merge.isPending}
        okButtonProps={{ disabled: merging?.indicatorId == null }}
        onCancel={() => setMerging(null)}
        onOk={() => merging?.indicatorId != null && merge.mutate({ proposal: merging.proposal, indicatorId: merging.indicatorId })}
      >
        <Typography.Paragraph>{merging?.proposal.name}</Typography.Paragraph>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          aria-label={label(L.into)}
          placeholder={label(L.into)}
          value={merging?.indicatorId ?? undefined}
          options={(catalog.data ?? []).map((i) => ({ value: i.id, label: i.unit ? `${i.name} (${i.unit})` : i.name }))}
          onChange={(v: number) => merging && setMerging({ ...merging, indicatorId: v })}
        />
      </Modal>
    </Card>
  );
}
