import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayClient, type GatewayClientOptions } from '../../sdk/client/gateway-client.js';
import { freePort } from './free-port.js';
import { SKIP_SIDE_PORTS } from './side-ports.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO_ROOT, 'dist/bin/moltbot.js');
/** The bundled build (`npm start`, the installed `moltbot` command): bin/build/bundle-gateway.ts. */
export const BUNDLED_CLI = path.join(REPO_ROOT, 'dist/bundle/moltbot.js');

export interface GatewayProcessOptions {
  /** Written to moltbot.json before start (omit `gateway.auth` to test token generation). */
  config?: Record<string, unknown>;
  /** Token put in the config unless `config` already has auth or `noToken` is set. */
  token?: string;
  noToken?: boolean;
  env?: Record<string, string | undefined>;
  args?: string[];
  /** Reuse a home folder (restart scenarios). */
  home?: string;
  port?: number;
  /** Resolve once the process prints its listening line (default true). */
  waitReady?: boolean;
  /** The script to run (default the unbundled CLI, `CLI`). */
  cli?: string;
}

export interface GatewayProcess {
  proc: ChildProcess;
  pid: number;
  port: number;
  url: string;
  token: string;
  home: string;
  stateDir: string;
  configPath: string;
  output(): string;
  stderr(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  client(opts?: Partial<GatewayClientOptions>): Promise<GatewayClient>;
  writeConfig(config: Record<string, unknown>): void;
  readConfig(): Record<string, any>;
  signal(sig: NodeJS.Signals): void;
  waitExit(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** Start the real gateway (`node dist/bin/moltbot.js gateway`) in a temp HOME on a free port. */
/**
 * A free port is only free until someone binds it: with the suite's many servers on port 0, the
 * OS can hand the one picked here to another between the pick and the gateway's bind. When the
 * port was ours to pick, such a start is retried on a fresh port (up to three times).
 */
export async function startGateway(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startGatewayOnce(options);
    } catch (err) {
      if (options.port !== undefined || attempt >= 3 || !isPortTaken(err)) throw err;
    }
  }
}

export function isPortTaken(err: unknown): boolean {
  return /GW_ERR_PORT_IN_USE|is already in use on 127\.0\.0\.1/.test(String((err as Error)?.message ?? err));
}

async function startGatewayOnce(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const home = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-e2e-'));
  const stateDir = path.join(home, '.clawdbot');
  const configPath = path.join(stateDir, 'moltbot.json');
  const port = options.port ?? (await freePort());
  const token = options.token ?? 'test-token-0123456789abcdef0123456789abcdef';
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  if (options.config !== undefined || !fs.existsSync(configPath)) {
    const config = structuredClone(options.config ?? {}) as Record<string, any>;
    if (!options.noToken) {
      config.gateway ??= {};
      config.gateway.auth ??= { token };
      config.gateway.auth.rateLimit ??= { maxFailures: 1000 };
    }
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CLAWDBOT_')) env[k] = v;
  Object.assign(env, { HOME: home, NO_COLOR: '1' }, SKIP_SIDE_PORTS);
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const args = [options.cli ?? CLI, 'gateway', '--port', String(port), ...(options.args ?? [])];
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  proc.stdout!.on('data', (d) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  proc.stderr!.on('data', (d) => {
    err += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitWaiters: Array<() => void> = [];
  proc.on('exit', (code, signal) => {
    exited = { code, signal };
    running.delete(proc);
    for (const w of exitWaiters.splice(0)) w();
    for (const w of waiters.splice(0)) w();
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        const m = pattern.exec(out + err);
        if (m) return resolve(m[0]);
        if (exited)
          return reject(
            new Error(`gateway exited (${exited.code ?? exited.signal}) before ${pattern}:\n${out}\n${err}`),
          );
        if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${pattern}:\n${out}\n${err}`));
        waiters.push(check);
        setTimeout(check, 100);
      };
      check();
    });

  const gw: GatewayProcess = {
    proc,
    pid: proc.pid!,
    port,
    url: `ws://127.0.0.1:${port}`,
    token,
    home,
    stateDir,
    configPath,
    output: () => out,
    stderr: () => err,
    waitForOutput,
    client: (opts = {}) =>
      GatewayClient.connect({ url: `ws://127.0.0.1:${port}`, token, clientId: 'test', clientMode: 'test', ...opts }),
    writeConfig: (config) => {
      const tmp = `${configPath}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, JSON.stringify(config, null, 2), { mode: 0o600 });
      fs.renameSync(tmp, configPath);
    },
    readConfig: () => JSON.parse(fs.readFileSync(configPath, 'utf8')),
    signal: (sig) => {
      if (!exited) proc.kill(sig);
    },
    waitExit: (timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        if (exited) return resolve(exited);
        const timer = setTimeout(
          () => reject(new Error(`gateway pid ${proc.pid} still running after ${timeoutMs} ms`)),
          timeoutMs,
        );
        exitWaiters.push(() => {
          clearTimeout(timer);
          resolve(exited!);
        });
      }),
    stop: async () => {
      if (exited) return;
      proc.kill('SIGTERM');
      try {
        await gw.waitExit(10_000);
      } catch {
        proc.kill('SIGKILL');
        await gw.waitExit(5000).catch(() => undefined);
      }
    },
  };
  if (options.waitReady !== false) {
    try {
      await waitForOutput(/listening on wss?:\/\/\S+/);
    } catch (err) {
      // Never leave an orphan behind when the start did not go as the test expected.
      proc.kill('SIGKILL');
      throw err;
    }
  }
  return gw;
}
