import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/locale';
import { ApiError } from '../../lib/api';
import { login, meKey } from './auth.api';

type LoginForm = { username: string; password: string; totpCode?: string };

export function LoginPage() {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  // Shown once the server says the password was right and the account also needs its code.
  const [isAskingCode, setAskingCode] = useState(false);

  const onFinish = async (values: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      const me = await login(values.username, values.password, values.totpCode);
      qc.setQueryData(meKey, me);
    } catch (e) {
      if (e instanceof ApiError && (e.details as { totpRequired?: boolean } | null)?.totpRequired) {
        if (!isAskingCode) {
          setAskingCode(true);
          return;
        }
      }
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <div className="brand-mark" aria-hidden>
            ★
          </div>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4}>{t('login.title')}</Typography.Title>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> name="login" layout="vertical" onFinish={onFinish} requiredMark={false} disabled={isSubmitting}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {isAskingCode && (
            <Form.Item
              name="totpCode"
              label={t('login.totpCode')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('account.totpCodeRequired') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                size="large"
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
            {t('login.submit')}
          </Button>
        </Form>
        <div className="login-lang">
          <Segmented
            size="small"
            value={locale}
            onChange={(v) => setLocale(v as 'vi' | 'en')}
            options={[
              { label: 'Tiếng Việt', value: 'vi' },
              { label: 'English', value: 'en' },
            ]}
          />
        </div>
      </Card>
    </main>
  );
}
