import { describe, expect, it } from 'vitest';
import { bearerFrom, generateToken, resolveAuth, secretsEqual } from './shared-secret.js';

describe('resolveAuth', () => {
  it('token precedence: flag > env > config', () => {
    const config = { token: 'from-config' };
    expect(resolveAuth({ flagToken: 'from-flag', env: { CLAWDBOT_GATEWAY_TOKEN: 'from-env' }, config })).toMatchObject({
      mode: 'token',
      secret: 'from-flag',
      source: 'flag',
    });
    expect(resolveAuth({ env: { CLAWDBOT_GATEWAY_TOKEN: 'from-env' }, config })).toMatchObject({
      secret: 'from-env',
      source: 'env',
    });
    expect(resolveAuth({ env: {}, config })).toMatchObject({ secret: 'from-config', source: 'config' });
  });

  it('undefined when no secret is configured (the gateway then generates one)', () => {
    expect(resolveAuth({ env: {}, config: {} })).toBeUndefined();
    expect(resolveAuth({ env: {} })).toBeUndefined();
  });

  it('password mode: env > config; inferred when only a password is set', () => {
    expect(
      resolveAuth({ env: { CLAWDBOT_GATEWAY_PASSWORD: 'pw-env' }, config: { mode: 'password', password: 'pw-cfg' } }),
    ).toMatchObject({ mode: 'password', secret: 'pw-env', source: 'env' });
    expect(resolveAuth({ env: {}, config: { password: 'pw-cfg' } })).toMatchObject({
      mode: 'password',
      secret: 'pw-cfg',
    });
    expect(resolveAuth({ env: {}, config: { mode: 'password' } })).toBeUndefined();
  });

  it('allowTailscale only when exactly true', () => {
    expect(resolveAuth({ env: {}, config: { token: 't', allowTailscale: true } })!.allowTailscale).toBe(true);
    expect(resolveAuth({ env: {}, config: { token: 't' } })!.allowTailscale).toBe(false);
  });
});

describe('secrets', () => {
  it('generateToken: 43 base64url chars, different every time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });

  it('secretsEqual compares exactly (any length) and refuses a missing secret', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual(undefined, 'abc')).toBe(false);
    expect(secretsEqual('', 'abc')).toBe(false);
  });

  it('bearerFrom reads Authorization: Bearer', () => {
    expect(bearerFrom('Bearer s3cret')).toBe('s3cret');
    expect(bearerFrom('bearer   s3cret ')).toBe('s3cret');
    expect(bearerFrom('Basic abc')).toBeUndefined();
    expect(bearerFrom(undefined)).toBeUndefined();
  });
});
