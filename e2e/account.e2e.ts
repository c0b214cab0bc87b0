import { describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../src/server/lib/totp';
import { screenshot } from './support/browser';
import { adminJourney } from './support/journey';

/**
 * An administrator turns on two-factor authentication from the account page (QR code and
 * secret), logs out, logs back in with a code, and sees the active sessions.
 */
describe('account security in the browser', () => {
  let current = '';
  const journey = adminJourney('account', () => current);
  let secret = '';

  it('enrols an authenticator app from the QR code page', async () => {
    current = 'enrol';
    const { page } = journey;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Bảo mật tài khoản' }).click();
    await page.getByRole('heading', { name: 'Bảo mật tài khoản' }).waitFor();
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    secret = (await page.getByTestId('totp-secret').innerText()).match(/[A-Z2-7]{32}/)![0];
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'account-totp-qr-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('totp-code').fill(totp(base32Decode(secret), Date.now() / 1000));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => page.getByTestId('totp-status').isVisible()).toBe(true);
    await screenshot(page, 'account-totp-on');
  });

  it('logs in again with a one-time code, then lists the session', async () => {
    current = 'login-code';
    const { page, server } = journey;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const code = page.getByTestId('login-totp');
    await code.waitFor();
    // The enrolment code is spent: the next time step's code is the one an app shows now or in a moment.
    await code.fill(totp(base32Decode(secret), Date.now() / 1000 + 30));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('current-user').waitFor();
    await page.goto('/account');
    const sessions = page.getByTestId('session-item');
    await sessions.first().waitFor();
    await expect.poll(() => sessions.filter({ hasText: 'Phiên này' }).count()).toBe(1);
    await expect.poll(() => sessions.first().innerText()).toMatch(/Địa chỉ: 127\.0\.0\.1/);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'account-sessions-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'account-sessions');
    expect(journey.errors).toEqual([]);
  });
});
