import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { callTool } from './tool-harness.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let ws: string;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-ws-tools-'));
  ws = path.join(home, 'clawd');
  fs.mkdirSync(path.join(ws, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'notes', 'todo.md'), 'line one\nline two\nline three\nline four\n');
  fs.writeFileSync(path.join(ws, 'config.ts'), 'export const port = 18789;\nexport const host = "127.0.0.1";\n');
  fs.writeFileSync(path.join(ws, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
  fs.writeFileSync(path.join(home, 'secret.txt'), 'the gateway token');
  fs.symlinkSync(path.join(home, 'secret.txt'), path.join(ws, 'sneaky.txt'));
  fs.symlinkSync(path.join(ws, 'notes', 'todo.md'), path.join(ws, 'todo-link.md'));
  gw = await startGateway({ home, env: FAKE_KEY_ENV, config: agentConfig(fake) });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

describe('read', () => {
  it('reads a file, and line ranges with offset/limit', async () => {
    const all = await callTool(c, fake, { name: 'read', arguments: { path: 'notes/todo.md' } });
    expect(all).toMatchObject({ isError: false, result: 'line one\nline two\nline three\nline four' });
    const part = await callTool(c, fake, { name: 'read', arguments: { path: 'notes/todo.md', offset: 2, limit: 2 } });
    expect(part.result).toBe('line two\nline three\n\n[lines 2-3 of 4; call read with offset=4 to continue]');
    const viaLink = await callTool(c, fake, { name: 'read', arguments: { path: 'todo-link.md', limit: 1 } });
    expect(viaLink.result.startsWith('line one')).toBe(true);
  });

  it('refuses paths that lead out of the workspace: .., absolute, symlinks', async () => {
    for (const p of ['../secret.txt', 'notes/../../secret.txt', path.join(gw.home, 'secret.txt'), 'sneaky.txt']) {
      const out = await callTool(c, fake, { name: 'read', arguments: { path: p } });
      expect(out.isError, p).toBe(true);
      expect(out.result, p).toMatch(/outside the workspace/);
      expect(out.result).not.toContain('the gateway token');
    }
    const abs = await callTool(c, fake, { name: 'read', arguments: { path: path.join(ws, 'config.ts') } });
    expect(abs.result).toContain('export const port');
  });

  it('refuses binary files and names missing ones', async () => {
    const bin = await callTool(c, fake, { name: 'read', arguments: { path: 'logo.png' } });
    expect(bin).toMatchObject({ isError: true });
    expect(bin.result).toMatch(/logo\.png looks binary \(NUL bytes\)/);
    const missing = await callTool(c, fake, { name: 'read', arguments: { path: 'nope.md' } });
    expect(missing.result).toMatch(/no such file or folder: nope\.md/);
  });
});

describe('write and edit', () => {
  it('write creates folders and files; it cannot write through a symlink that leads out', async () => {
    const out = await callTool(c, fake, {
      name: 'write',
      arguments: { path: 'drafts/2026/plan.md', content: 'Plan\n' },
    });
    expect(out.json).toMatchObject({ ok: true, path: 'drafts/2026/plan.md', bytes: 5, created: true });
    expect(fs.readFileSync(path.join(ws, 'drafts/2026/plan.md'), 'utf8')).toBe('Plan\n');
    const escaped = await callTool(c, fake, { name: 'write', arguments: { path: 'sneaky.txt', content: 'pwned' } });
    expect(escaped.isError).toBe(true);
    expect(fs.readFileSync(path.join(gw.home, 'secret.txt'), 'utf8')).toBe('the gateway token');
  });

  it('edit replaces one exact occurrence', async () => {
    const out = await callTool(c, fake, {
      name: 'edit',
      arguments: { path: 'config.ts', oldText: 'port = 18789', newText: 'port = 19001' },
    });
    expect(out.json).toMatchObject({ ok: true, line: 1, replacements: 1 });
    expect(fs.readFileSync(path.join(ws, 'config.ts'), 'utf8')).toContain('port = 19001;');
  });

  it('edit shows the nearest text when oldText is not found, and refuses ambiguous text', async () => {
    const out = await callTool(c, fake, {
      name: 'edit',
      arguments: { path: 'config.ts', oldText: 'export const hots = "127.0.0.1";', newText: 'x' },
    });
    expect(out.isError).toBe(true);
    expect(out.result).toMatch(/oldText was not found in config\.ts\. The nearest text, at line 2, is:/);
    expect(out.result).toContain('export const host = "127.0.0.1";');
    const twice = await callTool(c, fake, {
      name: 'edit',
      arguments: { path: 'notes/todo.md', oldText: 'line', newText: 'row' },
    });
    expect(twice.result).toMatch(/occurs 4 times in notes\/todo\.md \(lines 1, 2, 3, 4\)/);
    expect(fs.readFileSync(path.join(ws, 'notes/todo.md'), 'utf8')).toContain('line one');
  });
});

describe('list, glob and apply_patch', () => {
  it('list and glob show what is there', async () => {
    const list = await callTool(c, fake, { name: 'list', arguments: {} });
    expect(list.result).toMatch(/^config\.ts {2}\(\d+ B\)$/m);
    expect(list.result).toMatch(/^notes\/$/m);
    expect(list.result).toMatch(/^sneaky\.txt@$/m);
    const glob = await callTool(c, fake, { name: 'glob', arguments: { pattern: '**/*.md' } });
    expect(glob.result).toContain('notes/todo.md');
    expect(glob.result).not.toContain('config.ts');
  });

  it('applies a unified diff to several files, or nothing when one hunk fails', async () => {
    fs.writeFileSync(path.join(ws, 'a.txt'), 'alpha\nbeta\ngamma\n');
    const good = [
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1,3 +1,3 @@',
      ' alpha',
      '-beta',
      '+BETA',
      ' gamma',
      '--- /dev/null',
      '+++ b/new/b.txt',
      '@@ -0,0 +1 @@',
      '+fresh',
      '',
    ].join('\n');
    const ok = await callTool(c, fake, { name: 'apply_patch', arguments: { input: good } });
    expect(ok.json).toEqual({
      ok: true,
      files: [
        { path: 'a.txt', action: 'modified' },
        { path: 'new/b.txt', action: 'created' },
      ],
    });
    expect(fs.readFileSync(path.join(ws, 'a.txt'), 'utf8')).toBe('alpha\nBETA\ngamma\n');
    expect(fs.readFileSync(path.join(ws, 'new/b.txt'), 'utf8')).toBe('fresh\n');
    const bad = [
      '--- /dev/null',
      '+++ b/c.txt',
      '@@ -0,0 +1 @@',
      '+should not appear',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1,2 +1,2 @@',
      ' alpha',
      '-beta',
      '+again',
      '',
    ].join('\n');
    const failed = await callTool(c, fake, { name: 'apply_patch', arguments: { input: bad } });
    expect(failed.isError).toBe(true);
    expect(failed.result).toMatch(/does not apply to a\.txt.*no file was changed/);
    expect(fs.existsSync(path.join(ws, 'c.txt'))).toBe(false);
  });
});
