import { Button, Empty, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner for a region that is loading. */
export function Loading({ tip }: { tip?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state-box" role="status" aria-live="polite">
      <Spin />
      <span className="state-text">{tip ?? t('common.loading')}</span>
    </div>
  );
}

/** A region that failed to load, with the server's message and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t('common.empty')} />;
}
