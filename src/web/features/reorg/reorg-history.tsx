import { useTranslation } from 'react-i18next';
import { App, Button, Card, List, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { useLocale } from '../../app/locale';
import { reorgKindLabels } from '../../../domain/reorg';
import { fetchReorgHistory, reorgKeys, undoReorg, type ReorgHistoryEntry } from './reorg.api';
import { useReorgT } from './reorg.i18n';

/**
 * "Lịch sử sắp xếp tổ chức": the operations newest first; an operation still in effect offers
 * "Hoàn tác" (after a confirmation) to whoever may reorganize every org it names. The server
 * refuses, with the reason, once something was recorded against the new orgs.
 */
export function ReorgHistoryCard() {
  const { r } = useReorgT();
  const { t } = useTranslation();
  const { label } = useLocale();
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  const qc = useQueryClient();
  const history = useQuery({ queryKey: reorgKeys.history, queryFn: fetchReorgHistory });
  const undo = useMutation({
    mutationFn: (id: number) => undoReorg(id),
    onSuccess: () => {
      void message.success(r('undone'));
      void qc.invalidateQueries({ queryKey: ['orgs'] });
      void qc.invalidateQueries({ queryKey: ['reorg'] });
    },
    onError: (e) => onError(e),
  });
  const confirmUndo = (op: ReorgHistoryEntry) =>
    modal.confirm({
      title: r('undoTitle'),
      content: (
        <Space direction="vertical">
          <Typography.Text strong>{op.summary}</Typography.Text>
          <Typography.Text>{r('undoText', { d: formatDate(op.effectiveDate) })}</Typography.Text>
        </Space>
      ),
      okText: r('undo'),
      okButtonProps: { danger: true, 'data-testid': 'reorg-undo-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => undo.mutateAsync(op.id).catch(() => undefined),
    });

  return (
    <Card title={r('history')} style={{ marginTop: 16 }} data-testid="reorg-history">
      <List<ReorgHistoryEntry>
        loading={history.isLoading}
        dataSource={history.data?.operations ?? []}
        locale={{ emptyText: r('historyEmpty') }}
        renderItem={(op) => (
          <List.Item
            data-testid={`reorg-history-${op.id}`}
            actions={
              op.abilities.undo
                ? [
                    <Button
                      key="undo"
                      danger
                      size="small"
                      onClick={() => confirmUndo(op)}
                      loading={undo.isPending && undo.variables === op.id}
                    >
                      {r('undo')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag>{label(reorgKindLabels[op.kind])}</Tag>
                  {op.status === 'undone' ? (
                    <Tag color="default">{r('statusUndone')}</Tag>
                  ) : (
                    <Tag color="green">{r('statusCommitted')}</Tag>
                  )}
                  <Typography.Text delete={op.status === 'undone'} style={{ wordBreak: 'break-word' }}>
                    {op.summary}
                  </Typography.Text>
                </Space>
              }
              description={
                <>
                  {r('historyBy', { who: op.createdByName ?? '—', at: formatDateTime(op.createdAt) })}
                  {op.undoneAt !== null && <div>{r('undoneOn', { at: formatDateTime(op.undoneAt) })}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
