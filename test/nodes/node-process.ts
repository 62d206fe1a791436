import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliEnv } from '../cli/run-cli.js';
import { CLI } from '../support/gateway-process.js';

/** A real `moltbot node run` process in its own HOME, its output collected. */
export interface NodeProcess {
  proc: ChildProcess;
  home: string;
  stateDir: string;
  output(): string;
  /** Resolve with the first match of `pattern` in the output after `from` (a previous output length). */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpExecArray>;
  kill(signal?: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export function startNodeRunner(args: string[], options: { home?: string } = {}): NodeProcess {
  const home = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-node-'));
  const proc = spawn(
    process.execPath,
    [CLI, 'node', 'run', '--pairing-poll', '300ms', '--reconnect-max', '2s', ...args],
    {
      env: cliEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(proc);
  let out = '';
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  proc.stdout!.on('data', (d) => {
    out += d.toString();
    wake();
  });
  proc.stderr!.on('data', (d) => {
    out += d.toString();
    wake();
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      done = true;
      running.delete(proc);
      wake();
      resolve(code);
    }),
  );
  return {
    proc,
    home,
    stateDir: path.join(home, '.clawdbot'),
    output: () => out,
    waitFor: (pattern, timeoutMs = 30_000, from = 0) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(out.slice(from));
          if (m) return resolve(m);
          if (done) return reject(new Error(`node runner exited before ${pattern}:\n${out}`));
          if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${pattern}:\n${out}`));
          waiters.push(check);
          setTimeout(check, 200);
        };
        check();
      }),
    kill: (signal = 'SIGTERM') => {
      if (!done) proc.kill(signal);
    },
    exited,
  };
}
