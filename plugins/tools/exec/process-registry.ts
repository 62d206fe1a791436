import crypto from 'node:crypto';
import type { CommandProcess } from '../../../sdk/index.js';
import { OutputBuffer } from './output-buffer.js';

export type ExecStatus = 'running' | 'completed' | 'failed' | 'killed' | 'timeout';

/** One started command, foreground or background, until it is forgotten. */
export interface ExecSession {
  /** What the process tool calls `sessionId`. */
  id: string;
  /** Whose it is: the agent session key (processes are visible to that session only). */
  owner: string;
  command: string;
  cwd: string;
  where: 'host' | 'sandbox';
  pid?: number;
  startedAt: number;
  endedAt?: number;
  exitCode?: number | null;
  signal?: string;
  status: ExecStatus;
  backgrounded: boolean;
  output: OutputBuffer;
  /** Output not yet returned by a `poll`. */
  unread: OutputBuffer;
  process: CommandProcess;
  /** Settles when the command has ended (and its status is final). */
  done: Promise<void>;
}

/**
 * Every command the exec tool started in this plugin generation. Each gets a timeout that kills
 * it; finished background sessions are forgotten after `cleanupMs`; the generation's end kills
 * whatever still runs.
 */
export class ProcessRegistry {
  private readonly sessions = new Map<string, ExecSession>();

  constructor(private readonly limits: () => { maxOutputBytes: number; cleanupMs: number }) {}

  add(
    process: CommandProcess,
    meta: { owner: string; command: string; cwd: string; where: 'host' | 'sandbox' },
    timeoutMs: number,
  ): ExecSession {
    const { maxOutputBytes } = this.limits();
    const session: ExecSession = {
      id: `proc_${crypto.randomBytes(5).toString('hex')}`,
      ...meta,
      pid: process.pid,
      startedAt: Date.now(),
      status: 'running',
      backgrounded: false,
      output: new OutputBuffer(maxOutputBytes),
      unread: new OutputBuffer(maxOutputBytes),
      process,
      done: Promise.resolve(),
    };
    process.onOutput((chunk) => {
      session.output.write(chunk);
      session.unread.write(chunk);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void process.kill('SIGTERM');
    }, timeoutMs);
    session.done = process.exited.then(({ exitCode, signal }) => {
      clearTimeout(timer);
      session.endedAt = Date.now();
      session.exitCode = exitCode;
      if (signal) session.signal = signal;
      if (timedOut) session.status = 'timeout';
      else if (session.status === 'killed') return;
      else session.status = exitCode === 0 ? 'completed' : signal ? 'killed' : 'failed';
    });
    this.sessions.set(session.id, session);
    this.sweep();
    return session;
  }

  get(owner: string, id: string): ExecSession | undefined {
    const s = this.sessions.get(id.trim());
    return s && s.owner === owner ? s : undefined;
  }

  list(owner: string): ExecSession[] {
    this.sweep();
    return [...this.sessions.values()].filter((s) => s.owner === owner && (s.backgrounded || s.status === 'running'));
  }

  async kill(session: ExecSession): Promise<void> {
    if (session.status !== 'running') return;
    session.status = 'killed';
    await session.process.kill('SIGTERM');
    await session.done;
  }

  forget(session: ExecSession): void {
    this.sessions.delete(session.id);
  }

  /** Kill everything still running (the generation is ending). */
  async killAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.kill(s)));
    this.sessions.clear();
  }

  private sweep(): void {
    const cutoff = Date.now() - this.limits().cleanupMs;
    for (const s of this.sessions.values()) {
      if (s.endedAt !== undefined && s.endedAt < cutoff) this.sessions.delete(s.id);
      // A foreground command whose result was returned needs no keeping.
      else if (s.endedAt !== undefined && !s.backgrounded && s.endedAt < Date.now() - 60_000)
        this.sessions.delete(s.id);
    }
  }
}
