import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/gateway-process.js';
import { cliEnv, runCli, tempHome } from './run-cli.js';

let home: string;
let logFile: string;
const line = (level: number, msg: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ level, time: Date.UTC(2026, 0, 2, 3, 4, 5), pid: 1, msg, ...extra })}\n`;

beforeAll(() => {
  home = tempHome();
  logFile = path.join(home, '.clawdbot/logs/gateway.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    logFile,
    line(30, 'first') + line(40, 'careful', { plugin: 'telegram' }) + line(50, 'broken') + line(20, 'chatter'),
    { mode: 0o600 },
  );
});

describe('moltbot logs', () => {
  it('prints the last N lines formatted, and raw with --json', async () => {
    const r = await runCli(['logs', '--lines', '2'], { home });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^03:04:05 ERROR broken/);
    expect(lines[1]).toContain('DEBUG chatter');
    const json = await runCli(['logs', '-n', '4', '--json'], { home });
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['first', 'careful', 'broken', 'chatter']);
  });

  it('--level drops lines below it; a bad level is a usage error', async () => {
    const r = await runCli(['logs', '--level', 'warn'], { home });
    expect(r.stdout).toContain('WARN  [telegram] careful');
    expect(r.stdout).toContain('broken');
    expect(r.stdout).not.toContain('first');
    expect(r.stdout).not.toContain('chatter');
    const bad = await runCli(['logs', '--level', 'loud'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--level');
  });

  it('with no log file it exits 1 and says the gateway has not run', async () => {
    const r = await runCli(['logs'], { home: tempHome() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has not run');
  });

  it('--follow prints appended lines and follows a rotation', async () => {
    const child = spawn(process.execPath, [CLI, 'logs', '--follow', '--lines', '0', '--json'], {
      env: cliEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    const waitFor = async (text: string, withinMs = 10_000) => {
      const deadline = Date.now() + withinMs;
      while (!out.includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return out.includes(text);
    };
    try {
      // --lines 0 starts at the end of the file, so a line appended before the follower is up is
      // (rightly) never shown: append until one arrives, however long the CLI takes to start.
      let arrived = false;
      for (let i = 0; i < 100 && !arrived; i++) {
        fs.appendFileSync(logFile, line(30, `appended-before-rotation-${i}`));
        arrived = await waitFor('appended-before-rotation', 300);
      }
      expect(arrived).toBe(true);
      // Rotate like the gateway does: gateway.log → gateway.log.1, then a new gateway.log.
      fs.appendFileSync(logFile, line(30, 'last-in-old-file'));
      fs.renameSync(logFile, `${logFile}.1`);
      fs.writeFileSync(logFile, line(30, 'first-in-new-file'), { mode: 0o600 });
      expect(await waitFor('first-in-new-file')).toBe(true);
      expect(out).toContain('last-in-old-file');
      expect(out).not.toContain('"chatter"');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
