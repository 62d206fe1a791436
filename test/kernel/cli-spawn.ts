import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../support/gateway-process.js';
import { SKIP_SIDE_PORTS } from '../support/side-ports.js';

/**
 * Run `moltbot gateway` with exactly the args given (the shared harness always adds --port;
 * the port-precedence tests need to leave it out). Returns once it listens or exits.
 */
export interface SpawnedCli {
  proc: ChildProcess;
  home: string;
  output(): string;
  exit: Promise<number | null>;
  stop(): Promise<void>;
}

export function spawnCli(
  args: string[],
  options: { config?: Record<string, unknown>; env?: Record<string, string> } = {},
): SpawnedCli {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-cli-'));
  const stateDir = path.join(home, '.clawdbot');
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  if (options.config)
    fs.writeFileSync(path.join(stateDir, 'moltbot.json'), JSON.stringify(options.config), { mode: 0o600 });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CLAWDBOT_')) env[k] = v;
  Object.assign(env, { HOME: home, NO_COLOR: '1' }, SKIP_SIDE_PORTS, options.env ?? {});
  const proc = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d.toString()));
  proc.stderr!.on('data', (d) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    home,
    output: () => out,
    exit,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 8000);
      await exit;
      clearTimeout(t);
    },
  };
}

export async function waitFor(
  check: () => boolean,
  timeoutMs = 15_000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
