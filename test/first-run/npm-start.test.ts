import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEffectivelyEmpty } from '../../plugins/agent/heartbeat/heartbeat-prompt.js';
import { cliEnv, tempHome } from '../cli/run-cli.js';
import { freePort } from '../support/free-port.js';
import { REPO_ROOT } from '../support/gateway-process.js';

const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** `npm start` exactly as the README says, in the repo, on a fresh HOME; resolves at the ready block. */
async function npmStart(home: string, port: number): Promise<{ out: () => string; err: () => string; pid: number }> {
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: cliEnv(home, { CLAWDBOT_GATEWAY_PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (err += d.toString()));
  const deadline = Date.now() + 60_000;
  // The block's last line is printed right after the listening line; wait for the whole block.
  while (!/listening on ws:[^\n]*\n(?: {2}\S[^\n]*\n){2,}$/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not get ready (exit ${child.exitCode}):\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300));
  const pid = Number(/\(pid (\d+), auth/.exec(out)![1]);
  started.push(pid);
  return { out: () => out, err: () => err, pid };
}

async function stop(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start on a fresh HOME', () => {
  it('ends with a short ready block, creates the workspace, and prints the token nowhere', async () => {
    const home = tempHome();
    const port = await freePort();
    const gw = await npmStart(home, port);
    const lines = gw.out().trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('moltbot gateway ') && l.includes(' listening on ws://'));
    const block = lines.slice(at);
    expect(block.length).toBeLessThanOrEqual(6);
    expect(block[0]).toContain(`listening on ws://127.0.0.1:${port}`);
    expect(block.join('\n')).toContain('~/.clawdbot/moltbot.json (a new token was generated into gateway.auth.token)');
    expect(block.join('\n')).toContain(`dashboard  http://127.0.0.1:${port}/`);
    // From the repo folder (where npm start runs) `moltbot` is not on PATH: hints say npx.
    expect(block.join('\n')).toContain('npx moltbot dashboard opens it signed in');
    expect(block.join('\n')).toContain('next       npx moltbot setup');
    // The README's quick start is exactly these two commands and shows this very block.
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const from = readme.indexOf('## Quick start');
    const quickStart = readme.slice(from, readme.indexOf('\n## ', from + 3));
    const commands = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
    const shown = /```\n(moltbot gateway [\s\S]*?)```/.exec(quickStart)![1]!.trimEnd().split('\n');
    const normalized = (l: string) => l.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/pid \d+/, 'pid N');
    expect(shown.map(normalized)).toEqual(block.map(normalized));

    // Before the block: npm's own header, then one line per log event.
    const logLines = lines.slice(0, at).filter((l) => l.trim() !== '' && !l.startsWith('>'));
    expect(logLines.length).toBeGreaterThan(3);
    for (const l of logLines) expect(l).toMatch(/^\[\d\d:\d\d:\d\d\] (INFO|WARN): \S/);
    expect(logLines.some((l) => /^\[[\d:]+\] INFO: delivery: plugin loaded loadMs=/.test(l))).toBe(true);

    const workspace = path.join(home, 'clawd');
    expect(fs.readdirSync(workspace).sort()).toEqual(['AGENTS.md', 'HEARTBEAT.md']);
    expect(isEffectivelyEmpty(fs.readFileSync(path.join(workspace, 'HEARTBEAT.md'), 'utf8'))).toBe(true);

    const config = JSON.parse(fs.readFileSync(path.join(home, '.clawdbot', 'moltbot.json'), 'utf8'));
    const token: string = config.gateway.auth.token;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const logFile = fs.readFileSync(path.join(home, '.clawdbot', 'logs', 'gateway.log'), 'utf8');
    expect(gw.out()).not.toContain(token);
    expect(gw.err()).not.toContain(token);
    expect(logFile).not.toContain(token);
    // The file log stays complete: every field of an event the console shortened.
    const loaded = logFile
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((r) => r.msg === 'plugin loaded' && r.plugin === 'delivery');
    expect(loaded).toMatchObject({ version: '1.0.0', generation: 1, reload: false });

    // The user edits AGENTS.md; the next start keeps it and no longer says a token was generated.
    fs.writeFileSync(path.join(workspace, 'AGENTS.md'), '# mine\n');
    await stop(gw.pid);
    const again = await npmStart(home, port);
    expect(fs.readFileSync(path.join(workspace, 'AGENTS.md'), 'utf8')).toBe('# mine\n');
    expect(again.out()).toContain('~/.clawdbot/moltbot.json (token in gateway.auth.token)');
    expect(again.out()).not.toContain(token);
    await stop(again.pid);
  }, 150_000);
});
