import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAccounts } from './account-settings.js';

describe('resolveAccounts', () => {
  it('makes the top level the default account, with the env token as last resort', () => {
    const [a] = resolveAccounts({ allowFrom: [42, '@bob'] }, { TELEGRAM_BOT_TOKEN: '1:env' });
    expect(a).toMatchObject({
      accountId: 'default',
      token: '1:env',
      apiRoot: 'https://api.telegram.org',
      textChunkLimit: 4000,
      policy: { dmPolicy: 'pairing', allowFrom: ['42', '@bob'], groupsOpen: true },
    });
    expect(a!.problem).toBeUndefined();
  });

  it('lets accounts inherit and override, reading tokenFile', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tg-')), 'token');
    fs.writeFileSync(file, '2:file\n', { mode: 0o600 });
    const accounts = resolveAccounts(
      {
        dmPolicy: 'allowlist',
        allowFrom: ['1'],
        accounts: { a: { botToken: '3:a' }, b: { tokenFile: file, dmPolicy: 'disabled' } },
      },
      {},
    );
    expect(accounts.map((a) => [a.accountId, a.token, a.policy.dmPolicy])).toEqual([
      ['a', '3:a', 'allowlist'],
      ['b', '2:file', 'disabled'],
    ]);
  });

  it('reports unusable configs with a fix: no token, open without *, webhook without secret', () => {
    expect(resolveAccounts({}, {})[0]!.problem?.hint).toMatch(/botToken/);
    expect(resolveAccounts({ botToken: 'x', dmPolicy: 'open' }, {})[0]!.problem?.message).toMatch(
      /requires allowFrom to include "\*"/,
    );
    expect(resolveAccounts({ botToken: 'x', webhookUrl: 'https://h/x' }, {})[0]!.problem?.message).toMatch(
      /webhookSecret is missing/,
    );
    const hook = resolveAccounts({ botToken: 'x', webhookUrl: 'https://h/', webhookSecret: 's' }, {})[0]!;
    expect(hook.webhook).toEqual({ url: 'https://h/', secret: 's', path: '/telegram-webhook/default' });
  });
});
