import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, restoreRedacted } from './redact-secrets.js';

describe('secret redaction', () => {
  const config = {
    gateway: { auth: { token: 'gw-token', mode: 'token' } },
    channels: { telegram: { botToken: '123:abc', accounts: [{ botToken: '456:def', name: 'b' }] } },
    models: { providers: { openai: { apiKey: 'sk-1', baseUrl: 'http://x' } } },
  };

  it('replaces secret-named values anywhere (objects and arrays) and leaves the rest', () => {
    const r = redactSecrets(config) as any;
    expect(r.gateway.auth).toEqual({ token: REDACTED, mode: 'token' });
    expect(r.channels.telegram.botToken).toBe(REDACTED);
    expect(r.channels.telegram.accounts[0]).toEqual({ botToken: REDACTED, name: 'b' });
    expect(r.models.providers.openai).toEqual({ apiKey: REDACTED, baseUrl: 'http://x' });
    for (const secret of ['gw-token', '123:abc', '456:def', 'sk-1']) expect(JSON.stringify(r)).not.toContain(secret);
  });

  it('redacts every header value and Authorization/x-api-key style keys', () => {
    const out = redactSecrets({
      models: {
        providers: {
          x: { headers: { Authorization: 'Bearer sk', 'X-Custom': 'k2' }, 'x-api-key': 'k3', baseUrl: 'http://h' },
        },
      },
    }) as any;
    expect(out.models.providers.x.headers).toEqual({ Authorization: REDACTED, 'X-Custom': REDACTED });
    expect(out.models.providers.x['x-api-key']).toBe(REDACTED);
    expect(out.models.providers.x.baseUrl).toBe('http://h');
  });

  it('restoreRedacted puts the stored secret back where the placeholder came back', () => {
    const edited = redactSecrets(config) as any;
    edited.models.providers.openai.baseUrl = 'http://y';
    const restored = restoreRedacted(edited, config) as any;
    expect(restored.gateway.auth.token).toBe('gw-token');
    expect(restored.channels.telegram.accounts[0].botToken).toBe('456:def');
    expect(restored.models.providers.openai).toEqual({ apiKey: 'sk-1', baseUrl: 'http://y' });
  });

  it('a new secret value is kept as sent', () => {
    const restored = restoreRedacted({ gateway: { auth: { token: 'new-token' } } }, config) as any;
    expect(restored.gateway.auth.token).toBe('new-token');
  });
});
