import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../support/gateway-process.js';
import { SKIP_SIDE_PORTS } from '../support/side-ports.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  home: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  input?: string;
}

/** A fresh HOME for one scenario. */
export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-cli-'));
}

/** The environment the built CLI runs with: our HOME, no inherited CLAWDBOT_* and no colors. */
export function cliEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('CLAWDBOT_') && !k.startsWith('MOLTBOT_') && k !== 'XDG_CONFIG_HOME')
      env[k] = v;
  Object.assign(env, { HOME: home, NO_COLOR: '1' }, SKIP_SIDE_PORTS);
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Run `node dist/bin/moltbot.js …args` to completion (killed after timeoutMs). */
export function runCli(args: string[], run: CliRun): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: cliEnv(run.home, run.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d.toString()));
    child.stderr.on('data', (d) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(run.input ?? '');
  });
}

export function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8);
}

/**
 * A copy of a prepared HOME (setup is slow-ish: it loads every plugin to validate), for tests that each need a
 * fresh one.
 */
export function cloneHome(template: string): string {
  const home = tempHome();
  fs.cpSync(template, home, { recursive: true, preserveTimestamps: true });
  return home;
}
