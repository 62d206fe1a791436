import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NodeCommandError } from './node-command-error.js';
import { allowedBy, type RunPattern } from './run-allowlist.js';

export const MAX_RUN_OUTPUT_BYTES = 1024 * 1024;

export interface SystemRunOptions {
  /** `--allow-run`: off means every system.run is refused. */
  enabled: boolean;
  patterns: readonly RunPattern[];
  defaultTimeoutMs: number;
  maxTimeoutMs: number;
  maxOutputBytes?: number;
}

export interface SystemRunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  success: boolean;
  stdout: string;
  stderr: string;
  /** Output beyond the cap was dropped (the process kept running to its end). */
  truncated: boolean;
  durationMs: number;
}

/**
 * `system.run {command: argv[], cwd?, timeoutMs?}`: run a program directly (no shell, so no
 * expansion, pipes or `;`), only when `--allow-run` is on and an `--allow` pattern allows it;
 * killed at its timeout; stdout and stderr kept up to 1 MiB together.
 */
export async function systemRun(raw: unknown, options: SystemRunOptions): Promise<SystemRunResult> {
  if (!options.enabled)
    throw new NodeCommandError('FORBIDDEN', 'system.run is off on this node (start it with --allow-run --allow …)');
  const params = parseParams(raw);
  const cwd = params.cwd ?? process.cwd();
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory())
    throw new NodeCommandError('INVALID_REQUEST', `cwd ${cwd} is not a directory on this node`);
  const program = params.command[0]!;
  const resolved = program.includes('/') ? path.resolve(cwd, program) : findOnPath(program);
  const pattern = allowedBy(options.patterns, params.command, resolved);
  if (!pattern)
    throw new NodeCommandError(
      'FORBIDDEN',
      `system.run: ${params.command.join(' ').slice(0, 200)} is not allowed on this node ` +
        `(allowed: ${options.patterns.map((p) => p.source).join(', ') || 'nothing'})`,
    );
  if (!resolved) throw new NodeCommandError('NOT_FOUND', `system.run: ${program} is not on this node's PATH`);
  const timeoutMs = Math.min(params.timeoutMs ?? options.defaultTimeoutMs, options.maxTimeoutMs);
  const cap = options.maxOutputBytes ?? MAX_RUN_OUTPUT_BYTES;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(resolved, params.command.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      const room = cap - kept;
      if (room <= 0) {
        truncated = true;
        return;
      }
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (part.length < chunk.length) truncated = true;
      into.push(part);
      kept += part.length;
    };
    child.stdout!.on('data', keep(out));
    child.stderr!.on('data', keep(err));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new NodeCommandError('UNAVAILABLE', `system.run: could not start ${program}: ${e.message}`));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        timedOut,
        success: exitCode === 0 && !timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        truncated,
        durationMs: Date.now() - started,
      });
    });
  });
}

function parseParams(raw: unknown): { command: string[]; cwd?: string; timeoutMs?: number } {
  const p = (raw ?? {}) as Record<string, unknown>;
  const command = p.command;
  if (!Array.isArray(command) || command.length === 0 || command.some((a) => typeof a !== 'string'))
    throw new NodeCommandError(
      'INVALID_REQUEST',
      'system.run needs command: an argv array of strings, e.g. ["uname","-a"]',
    );
  if (!command[0]) throw new NodeCommandError('INVALID_REQUEST', 'system.run: command[0] (the program) is empty');
  if (p.cwd !== undefined && typeof p.cwd !== 'string')
    throw new NodeCommandError('INVALID_REQUEST', 'system.run: cwd must be a string');
  if (p.timeoutMs !== undefined && (!Number.isInteger(p.timeoutMs) || (p.timeoutMs as number) <= 0))
    throw new NodeCommandError('INVALID_REQUEST', 'system.run: timeoutMs must be a positive integer');
  return {
    command: command as string[],
    cwd: p.cwd as string | undefined,
    timeoutMs: p.timeoutMs as number | undefined,
  };
}

/** The absolute path `spawn` would run for a program name, or undefined. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}
