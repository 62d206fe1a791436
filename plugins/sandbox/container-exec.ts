import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { CommandProcess } from '../../sdk/index.js';
import { sandboxError } from './errors.js';

const MARK = 0x1e;
const KILL_GRACE_MS = 2000;
/**
 * The command runs under a tiny sh prologue that reports its pid on stderr (between two 0x1e
 * bytes) and then `exec`s it, so the pid is the command's own and its process group is the one
 * to signal: Docker has no API to kill an exec.
 */
const PROLOGUE = 'printf "\\036%s\\036" "$$" >&2; exec "$@"';

export interface ContainerExecOptions {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  user?: string;
}

/** Start argv in a running container through the Engine API (`POST /containers/{id}/exec`). */
export async function startContainerCommand(
  container: Docker.Container,
  options: ContainerExecOptions,
): Promise<CommandProcess> {
  let exec: Docker.Exec;
  let stream: NodeJS.ReadWriteStream;
  try {
    exec = await container.exec({
      Cmd: ['sh', '-c', PROLOGUE, 'moltbot-exec', ...options.argv],
      WorkingDir: options.cwd,
      Env: Object.entries(options.env).map(([k, v]) => `${k}=${v}`),
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      ...(options.user ? { User: options.user } : {}),
    });
    stream = (await exec.start({ hijack: true, stdin: true })) as unknown as NodeJS.ReadWriteStream;
  } catch (err) {
    throw sandboxError('GW_ERR_SANDBOX_EXEC_FAILED', `docker exec failed: ${(err as Error).message}`, { cause: err });
  }
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  container.modem.demuxStream(stream, stdout, stderr);
  const early: Array<[Buffer, 'stdout' | 'stderr']> = [];
  let listener: ((chunk: Buffer, s: 'stdout' | 'stderr') => void) | undefined;
  const deliver = (chunk: Buffer, s: 'stdout' | 'stderr') => (listener ? listener(chunk, s) : early.push([chunk, s]));
  let pid: number | undefined;
  let pidResolve!: (pid: number | undefined) => void;
  const pidKnown = new Promise<number | undefined>((r) => (pidResolve = r));
  // Bytes of stderr until the prologue's pid has been read; null once it has.
  let prologue: Buffer | null = Buffer.alloc(0);
  stdout.on('data', (c: Buffer) => deliver(c, 'stdout'));
  stderr.on('data', (c: Buffer) => {
    if (prologue === null) return deliver(c, 'stderr');
    const seen: Buffer = Buffer.concat([prologue, c]);
    const end = seen[0] === MARK ? seen.indexOf(MARK, 1) : -1;
    if (end < 0 && seen[0] === MARK && seen.length <= 32) {
      prologue = seen;
      return;
    }
    prologue = null;
    if (end < 0) {
      // No prologue (should not happen): pass everything through.
      pidResolve(undefined);
      return deliver(seen, 'stderr');
    }
    pid = Number(seen.subarray(1, end).toString()) || undefined;
    pidResolve(pid);
    const rest = seen.subarray(end + 1);
    if (rest.length) deliver(rest, 'stderr');
  });
  const exited = new Promise<{ exitCode: number | null; signal?: string }>((resolve) => {
    const finish = async () => {
      pidResolve(undefined);
      // The stream can end a moment before Docker records the exit code.
      for (let i = 0; i < 20; i++) {
        const info = await exec.inspect().catch(() => undefined);
        if (info && !info.Running) {
          const code = info.ExitCode;
          return resolve(
            code !== null && code > 128 ? { exitCode: code, signal: signalName(code - 128) } : { exitCode: code },
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      resolve({ exitCode: null });
    };
    stream.once('end', () => void finish());
    stream.once('error', () => void finish());
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const signalGroup = async (sig: 'TERM' | 'KILL') => {
    const target = await pidKnown;
    if (target === undefined || ended) return;
    // Signal the group (the command and what it started), or the pid alone when it leads none.
    const killer = await container.exec({
      Cmd: ['sh', '-c', `kill -${sig} -${target} 2>/dev/null || kill -${sig} ${target} 2>/dev/null; true`],
      AttachStdout: false,
      AttachStderr: false,
    });
    await killer.start({ Detach: true }).catch(() => undefined);
  };
  return {
    get pid() {
      return pid;
    },
    onOutput(fn) {
      listener = fn;
      for (const [chunk, s] of early.splice(0)) fn(chunk, s);
    },
    exited,
    async kill(sig = 'SIGTERM') {
      if (ended) return;
      await signalGroup(sig === 'SIGKILL' ? 'KILL' : 'TERM').catch(() => undefined);
      if (sig === 'SIGKILL') return;
      const grace = setTimeout(() => void signalGroup('KILL').catch(() => undefined), KILL_GRACE_MS);
      await exited;
      clearTimeout(grace);
    },
    write(data) {
      stream.write(data);
    },
    endInput() {
      stream.end();
    },
  };
}

function signalName(n: number): string | undefined {
  return ({ 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM' } as Record<number, string>)[n];
}
