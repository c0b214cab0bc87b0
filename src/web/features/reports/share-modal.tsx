import { useEffect, useState } from 'react';
import { App, Alert, Checkbox, Input, Modal, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states';
import { fetchShare, reportKeys, saveShare } from './reports.api';
import { useReportsT } from './reports.i18n';

/** The owner turns the public link on or off and marks which targets it shows. */
export function ShareModal({
  documentId,
  targets,
  onClose,
}: {
  documentId: number;
  targets: { itemId: number; text: string }[];
  onClose: () => void;
}) {
  const { r } = useReportsT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: reportKeys.share(documentId), queryFn: () => fetchShare(documentId) });
  const [isEnabled, setEnabled] = useState(false);
  const [ids, setIds] = useState<number[]>([]);
  const [showTasks, setShowTasks] = useState(false);
  useEffect(() => {
    if (!q.data) return;
    setEnabled(q.data.isEnabled);
    setIds(q.data.publicItemIds.map(Number));
    setShowTasks(q.data.showTasks);
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => saveShare(documentId, { isEnabled, publicItemIds: ids, showTasks }),
    onSuccess: (s) => {
      qc.setQueryData(reportKeys.share(documentId), s);
      void message.success(r('shareSaved'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const url = q.data?.token ? `${window.location.origin}/public/dashboards/${q.data.token}` : null;
  return (
    <Modal
      open
      title={r('publicLink')}
      okText={r('save')}
      cancelText={r('close')}
      onOk={() => save.mutate()}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'share-save' } as never}
      width={680}
    >
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <Switch checked={isEnabled} onChange={setEnabled} aria-label={r('publicOn')} data-testid="share-enabled" /> {r('publicOn')}
          </Space>
          {url && isEnabled && q.data.isEnabled && (
            <Input readOnly value={url} aria-label={r('publicLink')} data-testid="share-url" onFocus={(e) => e.target.select()} />
          )}
          {!url && <Alert type="info" showIcon message={r('shareFirst')} />}
          <Space>
            <Switch checked={showTasks} onChange={setShowTasks} aria-label={r('showTasks')} /> {r('showTasks')}
          </Space>
          <Typography.Text strong>{r('publicTargets')}</Typography.Text>
          <Checkbox.Group
            value={ids}
            onChange={(v) => setIds(v as number[])}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={targets.map((t) => ({ value: t.itemId, label: t.text }))}
          />
        </Space>
      )}
    </Modal>
  );
}
