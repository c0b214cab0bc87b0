import { useEffect, useRef, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { setReauthHandler } from '../../lib/api';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { reauthenticate, useCurrentUser } from './auth.api';

type Values = { password: string; totpCode?: string };

/**
 * Asks for the password (and the code, when the account has one) when the server wants the
 * user to prove who they are before a sensitive change; the change is then sent again.
 * Mounted once in the layout.
 */
export function ReauthPrompt() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [isOpen, setOpen] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const settle = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setReauthHandler(
      () =>
        new Promise<boolean>((resolve) => {
          settle.current = resolve;
          form.resetFields();
          setOpen(true);
        }),
    );
    return () => setReauthHandler(null);
  }, [form]);

  const finish = (ok: boolean) => {
    setOpen(false);
    settle.current?.(ok);
    settle.current = null;
  };

  const onFinish = async (v: Values) => {
    setSaving(true);
    try {
      await reauthenticate(v.password, v.totpCode);
      finish(true);
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t('account.reauthTitle')}
      open={isOpen}
      onCancel={() => finish(false)}
      onOk={() => form.submit()}
      okText={t('account.reauthSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      destroyOnHidden
      width={420}
      data-testid="reauth-modal"
    >
      <Alert type="info" showIcon title={t('account.reauthHint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        {me.totpEnabled && (
          <Form.Item
            name="totpCode"
            label={t('login.totpCode')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('account.totpCodeRequired') }]}
          >
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
