import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../auth/auth.api';
import { checkIn, deviceId, fetchCheckinInfo } from './study.api';
import { useStudyT } from './study.i18n';

/**
 * The light page a member lands on after scanning a bridge point's QR code, on a phone: the
 * session and the point, then one field (the member code) or one button for a logged-in
 * member. Public: nobody needs an account to be checked in.
 */
export function CheckinPage({ token }: { token: string }) {
  const { s: t } = useStudyT();
  const me = useMe();
  const info = useQuery({ queryKey: ['study', 'checkin', token], queryFn: () => fetchCheckinInfo(token), retry: false });
  const [code, setCode] = useState(() => localStorage.getItem('resolute.memberCode') ?? '');
  useEffect(() => void deviceId(), []);
  const submit = useMutation({
    mutationFn: (memberCode?: string) => checkIn(token, memberCode),
    onSuccess: (_r, memberCode) => {
      if (memberCode) localStorage.setItem('resolute.memberCode', memberCode);
    },
  });

  const body = (() => {
    if (info.isPending) return <Spin />;
    if (info.isError) {
      return <Result status="warning" title={t('checkinFailed')} subTitle={info.error instanceof Error ? info.error.message : String(info.error)} />;
    }
    const s = info.data;
    if (submit.isSuccess) {
      return (
        <Result
          status="success"
          title={submit.data.status === 'checked_in' ? t('checkinOk') : t('checkinAlready')}
          subTitle={<span data-testid="checkin-result">{submit.data.fullName ? t('comrade', { name: submit.data.fullName }) : ''}{submit.data.message}</span>}
        />
      );
    }
    const isMember = !!me.data?.memberId;
    return (
      <>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{s.sessionTitle}</Typography.Title>
        <Typography.Paragraph>
          <b>{s.pointName}</b>
          {s.place ? <><br />{s.place}</> : null}
          <br />
          {formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}
        </Typography.Paragraph>
        {s.isCancelled && <Alert type="error" showIcon message={t('sessionCancelled')} />}
        {s.window === 'too_early' && <Alert type="info" showIcon message={t('tooEarly')} />}
        {s.window === 'closed' && <Alert type="warning" showIcon message={t('closed')} />}
        {submit.isError && (
          <Alert style={{ marginBottom: 12 }} type="error" showIcon data-testid="checkin-error"
            message={submit.error instanceof ApiError ? submit.error.message : t('offline')} />
        )}
        {s.window === 'open' && !s.isCancelled && (
          <>
            {isMember && (
              <Button type="primary" size="large" block loading={submit.isPending} onClick={() => submit.mutate(undefined)} style={{ marginBottom: 16 }}>
                {t('checkinAs', { name: me.data?.fullName })}
              </Button>
            )}
            <Form layout="vertical" onFinish={() => submit.mutate(code.trim())} requiredMark={false}>
              <Form.Item label={t('memberCode')} required help={t('memberCodeHelp')}>
                <Input size="large" inputMode="text" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} aria-label={t('memberCode')} />
              </Form.Item>
              <Button htmlType="submit" type={isMember ? 'default' : 'primary'} size="large" block loading={submit.isPending} disabled={!code.trim()}>
                {t('checkin')}
              </Button>
            </Form>
          </>
        )}
      </>
    );
  })();

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', padding: 12, display: 'flex', justifyContent: 'center' }}>
      <Card style={{ width: '100%', maxWidth: 440 }} title={<span><span aria-hidden style={{ color: '#b71c1c' }}>★</span> {t('checkinCard')}</span>}>
        {body}
      </Card>
    </div>
  );
}
