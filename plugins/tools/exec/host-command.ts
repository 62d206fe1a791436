import { spawn } from 'node:child_process';
import type { CommandProcess } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';

const KILL_GRACE_MS = 2000;

/**
 * Start a command on the host in its own process group (so a kill reaches everything it
 * started): argv directly, or a shell string through `/bin/sh -c`. Resolves once it has started.
 */
export function startHostCommand(options: {
  command: string | readonly string[];
  cwd: string;
  env: Record<string, string>;
}): Promise<CommandProcess> {
  const [file, args] =
    typeof options.command === 'string'
      ? ['/bin/sh', ['-c', options.command]]
      : [options.command[0]!, options.command.slice(1)];
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const early: Array<[Buffer, 'stdout' | 'stderr']> = [];
  let listener: ((chunk: Buffer, stream: 'stdout' | 'stderr') => void) | undefined;
  const deliver = (stream: 'stdout' | 'stderr') => (chunk: Buffer) =>
    listener ? listener(chunk, stream) : early.push([chunk, stream]);
  child.stdout!.on('data', deliver('stdout'));
  child.stderr!.on('data', deliver('stderr'));
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<{ exitCode: number | null; signal?: string }>((resolve) => {
    // 'close' waits for the pipes too, so no output is lost after the exit.
    child.on('close', (code, signal) => resolve({ exitCode: code, ...(signal ? { signal } : {}) }));
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      child.kill(sig);
    }
  };
  const proc: CommandProcess = {
    pid: child.pid,
    onOutput(fn) {
      listener = fn;
      for (const [chunk, stream] of early.splice(0)) fn(chunk, stream);
    },
    exited,
    async kill(sig = 'SIGTERM') {
      if (ended) return;
      signalGroup(sig);
      if (sig === 'SIGKILL') return;
      const grace = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
      await exited;
      clearTimeout(grace);
    },
    write(data) {
      child.stdin!.write(data);
    },
    endInput() {
      child.stdin!.end();
    },
  };
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(proc));
    child.once('error', (err) =>
      reject(
        toolsError(
          'GW_ERR_TOOLS_EXEC_START',
          `could not start ${file}: ` +
            ((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such program (or cwd)' : err.message),
          { cause: err },
        ),
      ),
    );
  });
}
