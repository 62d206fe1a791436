import { describe, expect, it } from 'vitest';
import { commandEnv } from './exec-env.js';

describe('commandEnv', () => {
  it('passes an allowlist, never the gateway or provider secrets', () => {
    const env = commandEnv(
      {
        PATH: '/usr/bin',
        HOME: '/home/u',
        LC_ALL: 'C',
        OPENAI_API_KEY: 'sk-secret',
        CLAWDBOT_GATEWAY_TOKEN: 'tok',
        GITHUB_TOKEN: 'ghp',
        LD_PRELOAD: '/x.so',
      },
      { passEnv: ['GITHUB_TOKEN', 'CLAWDBOT_GATEWAY_TOKEN', 'LD_PRELOAD'], env: { CI: '1', NODE_OPTIONS: 'x' } },
    );
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/u', LC_ALL: 'C', GITHUB_TOKEN: 'ghp', CI: '1' });
  });
  it('gives a PATH when the gateway has none', () => {
    expect(commandEnv({}, { passEnv: [], env: {} }).PATH).toContain('/usr/bin');
  });
});
