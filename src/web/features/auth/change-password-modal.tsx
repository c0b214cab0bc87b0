import { useState } from 'react';
import { Alert, App, Form, Input } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal';
import { useApiErrorHandler } from '../../lib/use-api-error';
import { changePassword, useCurrentUser, useForgetSession } from './auth.api';

// The server's rule (src/server/lib/password.ts): checked here too, so nobody waits for a refusal.
const MIN_LENGTH = 10;

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/**
 * Changes the user's own password. The server ends every session of the user, this one too,
 * so on success the page forgets the session and the login gate shows the form.
 */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const onError = useApiErrorHandler();
  const forgetSession = useForgetSession();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);

  const onFinish = async (v: Values) => {
    setSaving(true);
    try {
      await changePassword(v.currentPassword, v.newPassword);
    } catch (e) {
      onError(e, { form });
      setSaving(false);
      return;
    }
    onClose();
    // An earlier refusal ("wrong current password") must not linger over the login form.
    message.destroy();
    notification.success({ title: t('password.changed'), description: t('password.changedDetail'), duration: 10 });
    forgetSession();
    void navigate({ to: '/' });
  };

  return (
    <FormModal<Values>
      title={t('password.change')}
      open
      form={form}
      onCancel={onClose}
      onFinish={onFinish}
      isSaving={isSaving}
      submitText={t('password.change')}
      width={460}
      testId="change-password"
    >
      <Alert type="info" showIcon title={t('password.hint')} style={{ marginBottom: 16 }} />
      {/* A hidden user name lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password autoFocus autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.next')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('password.minLength') },
          { min: MIN_LENGTH, message: t('password.minLength') },
          { max: 200 },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error(t('password.sameAsCurrent'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.mismatch') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
