import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signQrToken, verifyQrToken } from './qr-token';
import { qrExpirySeconds, windowState } from './checkin-window';
import { coveragePercent, rollUpCoverage, sumCoverage } from './coverage';

const secret = 'test-secret-0123456789';

describe('QR tokens', () => {
  it('verifies a token it signed', () => {
    const t = signQrToken({ sessionId: 12, pointId: 345, expiresAt: 2_000_000_000 }, secret);
    expect(verifyQrToken(t, secret, 1_900_000_000)).toEqual({
      ok: true,
      payload: { sessionId: 12, pointId: 345, expiresAt: 2_000_000_000 },
    });
  });
  it('rejects an expired token', () => {
    const t = signQrToken({ sessionId: 1, pointId: 2, expiresAt: 100 }, secret);
    expect(verifyQrToken(t, secret, 101)).toEqual({ ok: false, reason: 'expired' });
  });
  it('rejects a token signed with another secret or edited', () => {
    const t = signQrToken({ sessionId: 1, pointId: 2, expiresAt: 2_000_000_000 }, secret);
    expect(verifyQrToken(t, 'other', 0).ok).toBe(false);
    expect(verifyQrToken(t.replace('q1.1.2', 'q1.1.3'), secret, 0)).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('never throws and never accepts garbage', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(verifyQrToken(s, secret, 0).ok).toBe(false);
      }),
    );
  });
  it('round-trips any ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (s, p) => {
        const r = verifyQrToken(signQrToken({ sessionId: s, pointId: p, expiresAt: 10 }, secret), secret, 5);
        expect(r).toEqual({ ok: true, payload: { sessionId: s, pointId: p, expiresAt: 10 } });
      }),
    );
  });
});

describe('check-in window', () => {
  const w = { startsAt: new Date('2020-12-23T01:00:00Z'), endsAt: new Date('2020-12-23T04:00:00Z'), openMinutes: 60, closeMinutes: 30 };
  it('opens an hour before and closes half an hour after', () => {
    expect(windowState(w, new Date('2020-12-22T23:59:00Z'))).toBe('too_early');
    expect(windowState(w, new Date('2020-12-23T00:00:00Z'))).toBe('open');
    expect(windowState(w, new Date('2020-12-23T04:30:00Z'))).toBe('open');
    expect(windowState(w, new Date('2020-12-23T04:30:01Z'))).toBe('closed');
    expect(qrExpirySeconds(w)).toBe(Date.parse('2020-12-23T04:30:00Z') / 1000);
  });
});

describe('coverage', () => {
  it('adds parts rather than averaging percents', () => {
    const total = sumCoverage([
      { studied: 10, members: 10 },
      { studied: 0, members: 990 },
    ]);
    expect(coveragePercent(total)).toBe(1);
    expect(coveragePercent({ studied: 0, members: 0 })).toBe(0);
  });
  it('rolls parts up the tree', () => {
    const orgs = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 1 },
    ];
    const own = new Map([
      [3, { studied: 5, members: 8 }],
      [4, { studied: 1, members: 2 }],
    ]);
    const t = rollUpCoverage(orgs, own);
    expect(t.get(1)).toEqual({ studied: 6, members: 10 });
    expect(t.get(2)).toEqual({ studied: 5, members: 8 });
  });
});
