import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totp } from './totp';

// RFC 6238, Appendix B: the seeds are the ASCII digits repeated to the hash's key length.
const seeds = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const vectors: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(vectors)('gives the RFC test vectors at T=%i', (time, sha1, sha256, sha512) => {
    expect(totp(seeds.sha1, time, 8, 'sha1')).toBe(sha1);
    expect(totp(seeds.sha256, time, 8, 'sha256')).toBe(sha256);
    expect(totp(seeds.sha512, time, 8, 'sha512')).toBe(sha512);
  });

  it('gives the HOTP test values of RFC 4226 Appendix D', () => {
    expect([0, 1, 2, 9].map((c) => hotp(seeds.sha1, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 and reads the RFC 4648 examples', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(base32Encode(seeds.sha1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts a code one step early or late, and nothing further or malformed', () => {
    const secret = base32Encode(seeds.sha1);
    const t = 1_700_000_000;
    const step = Math.floor(t / 30);
    expect(matchTotp(secret, totp(seeds.sha1, t), t)).toBe(step);
    expect(matchTotp(secret, totp(seeds.sha1, t - 30), t)).toBe(step - 1);
    expect(matchTotp(secret, totp(seeds.sha1, t + 30), t)).toBe(step + 1);
    expect(matchTotp(secret, totp(seeds.sha1, t - 90), t)).toBeNull();
    expect(matchTotp(secret, '12345', t)).toBeNull();
  });

  it('writes an otpauth URI that authenticator apps read', () => {
    expect(otpauthUri('Resolute', 'quan.tri', 'ABC')).toBe(
      'otpauth://totp/Resolute%3Aquan.tri?secret=ABC&issuer=Resolute&algorithm=SHA1&digits=6&period=30',
    );
  });
});
