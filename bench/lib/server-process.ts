import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, sleep } from './clock.js';
import { HOST, waitForPort } from './ports.js';
import type { RunningServer } from './types.js';

/** Every server not yet stopped, so an interrupted run leaves no process or directory behind. */
const live = new Map<ChildProcess, string>();

function killAll(): void {
  for (const [child, dir] of live) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface SpawnServerOptions {
  /** Node script to run (absolute path). */
  readonly script: string;
  /** Options for node itself, before the script (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  readonly args: readonly string[];
  readonly port: number;
  readonly token: string;
  /** Writes files the server needs (e.g. its config) into its fresh directory before the spawn. */
  readonly prepare?: (dir: string) => void;
  /** Extra environment; `dir` is a fresh temporary directory owned by this server. */
  readonly env?: (dir: string) => NodeJS.ProcessEnv;
  /** Inherited variables to leave out (e.g. the user's own gateway settings). */
  readonly dropEnv?: RegExp;
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
}

/**
 * Spawns `node <script> <args>`, output to a log file in a fresh temporary directory, and
 * resolves once the port accepts TCP connections. The directory is removed on stop.
 */
export async function spawnServer(opts: SpawnServerOptions): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'moltbot-bench-'));
  const logPath = path.join(dir, 'server.log');
  try {
    opts.prepare?.(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const logFd = openSync(logPath, 'a');
  const inherited = Object.entries(process.env).filter(([key]) => !opts.dropEnv?.test(key));
  const env = { ...Object.fromEntries(inherited), ...opts.env?.(dir) };
  const spawnedAt = now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.script, ...opts.args], {
    env,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  live.set(child, dir);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const logTail = (): string => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').slice(-25).join('\n').trim();
    } catch {
      return '';
    }
  };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const grace = sleep(opts.stopTimeoutMs ?? 3000).then(() => 'timeout' as const);
        if ((await Promise.race([exited.then(() => 'exited' as const), grace])) === 'timeout') {
          try {
            process.kill(child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
          await exited;
        }
      }
      live.delete(child);
      // BENCH_KEEP_SERVER_DIRS=1 keeps each server's state dir and log for a post-mortem.
      if (process.env.BENCH_KEEP_SERVER_DIRS) process.stderr.write(`[bench] kept ${dir} (server.log inside)\n`);
      else rmSync(dir, { recursive: true, force: true });
    })());

  try {
    const acceptingAt = await waitForPort(opts.port, {
      timeoutMs: opts.startTimeoutMs ?? 15_000,
      abort: () => {
        if (spawnError) return `spawn failed: ${spawnError.message}`;
        if (child.exitCode !== null || child.signalCode !== null) {
          return `server exited early (${child.exitCode ?? child.signalCode}):\n${logTail()}`;
        }
        return undefined;
      },
    });
    return {
      port: opts.port,
      token: opts.token,
      pid: child.pid!,
      url: `ws://${HOST}:${opts.port}/`,
      spawnedAt,
      acceptingAt,
      logTail,
      stop,
    };
  } catch (err) {
    const tail = logTail();
    await stop();
    if (err instanceof Error && tail && !err.message.includes(tail)) err.message += `\n${tail}`;
    throw err;
  }
}
