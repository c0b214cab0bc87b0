import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../auth/auth.api';
import { checkIn, fetchCheckinInfo } from './study.api';
import { useStudyT } from './study.i18n';

/**
 * The light page a member lands on after scanning a bridge point's QR code, on a phone: the
 * session and the point, then one button for a logged-in member, or two fields (the member
 * code and the personal check-in code from the invitation): the QR code says where, the codes
 * prove who. Public: nobody needs an account to be checked in.
 */
export function CheckinPage({ token }: { token: string }) {
  const { s: t } = useStudyT();
  const me = useMe();
  const info = useQuery({ queryKey: ['study', 'checkin', token], queryFn: () => fetchCheckinInfo(token), retry: false });
  const [code, setCode] = useState(() => localStorage.getItem('resolute.memberCode') ?? '');
  // The personal code is typed each time: it is what proves the person, so the phone keeps no copy.
  const [personal, setPersonal] = useState('');
  const submit = useMutation({
    mutationFn: (codes?: { memberCode: string; personalCode: string }) => checkIn(token, codes),
    onSuccess: (_r, codes) => {
      if (codes) localStorage.setItem('resolute.memberCode', codes.memberCode);
    },
  });

  const body = (() => {
    if (info.isPending) return <Spin />;
    if (info.isError) {
      return (
        <Result
          status="warning"
          title={<h1 className="result-title">{t('checkinFailed')}</h1>}
          subTitle={info.error instanceof Error ? info.error.message : String(info.error)}
        />
      );
    }
    const s = info.data;
    if (submit.isSuccess) {
      return (
        <Result
          status="success"
          title={<h1 className="result-title">{submit.data.status === 'checked_in' ? t('checkinOk') : t('checkinAlready')}</h1>}
          subTitle={
            <span data-testid="checkin-result">
              {submit.data.fullName ? t('comrade', { name: submit.data.fullName }) : ''}
              {submit.data.message}
            </span>
          }
        />
      );
    }
    const isMember = !!me.data?.memberId;
    return (
      <>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 20 }}>
          {s.sessionTitle}
        </Typography.Title>
        <Typography.Paragraph>
          <b>{s.pointName}</b>
          {s.place ? (
            <>
              <br />
              {s.place}
            </>
          ) : null}
          <br />
          {formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}
        </Typography.Paragraph>
        {s.isCancelled && <Alert type="error" showIcon message={t('sessionCancelled')} />}
        {s.window === 'too_early' && <Alert type="info" showIcon message={t('tooEarly')} />}
        {s.window === 'closed' && <Alert type="warning" showIcon message={t('closed')} />}
        {submit.isError && (
          <Alert
            style={{ marginBottom: 12 }}
            type="error"
            showIcon
            data-testid="checkin-error"
            message={submit.error instanceof ApiError ? submit.error.message : t('offline')}
          />
        )}
        {s.window === 'open' && !s.isCancelled && (
          <>
            {isMember && (
              <Button
                type="primary"
                size="large"
                block
                loading={submit.isPending}
                onClick={() => submit.mutate(undefined)}
                style={{ marginBottom: 16 }}
              >
                {t('checkinAs', { name: me.data?.fullName })}
              </Button>
            )}
            {isMember && (
              <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
                {t('orWithCodes')}
              </Typography.Paragraph>
            )}
            <Form
              layout="vertical"
              onFinish={() => submit.mutate({ memberCode: code.trim(), personalCode: personal.trim() })}
              requiredMark={false}
            >
              <Form.Item label={t('memberCode')} htmlFor="checkin-member-code" required help={t('memberCodeHelp')}>
                <Input
                  id="checkin-member-code"
                  size="large"
                  inputMode="text"
                  autoComplete="off"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  aria-label={t('memberCode')}
                />
              </Form.Item>
              <Form.Item label={t('personalCode')} htmlFor="checkin-personal-code" required help={t('personalCodeHelp')}>
                <Input
                  id="checkin-personal-code"
                  size="large"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={12}
                  placeholder="ABCD-EFGH"
                  value={personal}
                  onChange={(e) => setPersonal(e.target.value)}
                  aria-label={t('personalCode')}
                />
              </Form.Item>
              <Button
                htmlType="submit"
                type={isMember ? 'default' : 'primary'}
                size="large"
                block
                loading={submit.isPending}
                disabled={!code.trim() || !personal.trim()}
              >
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
      <Card
        style={{ width: '100%', maxWidth: 440 }}
        title={
          <span>
            <span aria-hidden style={{ color: '#b71c1c' }}>
              ★
            </span>{' '}
            {t('checkinCard')}
          </span>
        }
      >
        {body}
      </Card>
    </div>
  );
}
