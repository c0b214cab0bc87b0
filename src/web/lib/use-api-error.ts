import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { toFormFieldErrors } from './form-errors';

/**
 * Shows a failed write the way the house does it: field errors next to their fields, a stale
 * version as "someone else changed it" followed by a reload, anything else as a message.
 */
export function useApiErrorHandler() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (error: unknown, opts: { form?: FormInstance; onConflict?: () => void } = {}) => {
    if (error instanceof ApiError) {
      if (error.isVersionConflict) {
        void message.warning(t('common.versionConflict'));
        opts.onConflict?.();
        return;
      }
      const fields = toFormFieldErrors(error.fields);
      if (opts.form && fields.length > 0) {
        opts.form.setFields(fields);
        void message.error(error.message);
        return;
      }
      const detail = error.fields.map((f) => f.message).join('; ');
      void message.error(detail ? `${error.message} ${detail}` : error.message);
      return;
    }
    void message.error(error instanceof Error ? error.message : String(error));
  };
}
