import { describe, expect, it } from 'vitest';
import { cliCommand, detectCliLauncher, profileFlag } from './cli-command.js';

const BIN = '/opt/moltbot-gateway/dist/bin/moltbot.js';
const links: Record<string, string> = {
  [BIN]: BIN,
  '/opt/moltbot-gateway': '/opt/moltbot-gateway',
  '/usr/local/bin/moltbot': BIN,
  '/usr/bin/moltbot': '/usr/lib/other-moltbot/cli.js',
};
const realpath = (f: string) => links[f] ?? (f.startsWith('/home') || f.startsWith('/opt') ? f : undefined);

describe('detectCliLauncher', () => {
  it('says moltbot when this package is on PATH', () => {
    expect(detectCliLauncher({ pathEnv: '/usr/bin:/usr/local/bin', cwd: '/home/u', binFile: BIN, realpath })).toBe(
      'moltbot',
    );
  });

  it('ignores another moltbot on PATH, and says npx moltbot inside the package folder', () => {
    expect(detectCliLauncher({ pathEnv: '/usr/bin', cwd: '/opt/moltbot-gateway/docs', binFile: BIN, realpath })).toBe(
      'npx moltbot',
    );
  });

  it('names the entry file anywhere else', () => {
    expect(detectCliLauncher({ pathEnv: '/usr/bin', cwd: '/home/u', binFile: BIN, realpath })).toBe(`node ${BIN}`);
    expect(
      detectCliLauncher({ pathEnv: '', cwd: '/', binFile: '/home/a b/dist/bin/moltbot.js', realpath: () => undefined }),
    ).toBe(`node '/home/a b/dist/bin/moltbot.js'`);
  });
});

describe('cliCommand', () => {
  it('carries the profile flag', () => {
    expect(profileFlag(undefined)).toBe('');
    expect(profileFlag('dev')).toBe('--dev');
    expect(profileFlag('work')).toBe('--profile work');
    expect(cliCommand('dashboard', 'dev')).toMatch(/ --dev dashboard$/);
    expect(cliCommand('setup')).toMatch(/(^|\s|\/)moltbot(\.js)? setup$/);
  });
});
