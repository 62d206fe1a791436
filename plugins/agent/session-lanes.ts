import { agentError } from './errors.js';
import type { Run } from './run-types.js';
import { RunStop } from './run-types.js';

export type QueueMode = 'followup' | 'collect' | 'interrupt' | 'steer' | 'steer-backlog' | 'queue';

interface Lane {
  running?: Run;
  waiting: Run[];
}

/**
 * The tail of each session's work across plugin generations: a reloaded agent plugin starts a
 * session's next run only after the retiring generation's run on that session has ended.
 */
const sessionTails = new Map<string, Promise<void>>();

/**
 * One run per session at a time. Messages arriving during a run wait in the session's lane:
 * `followup` runs each in order; `collect` folds everything that waited into one run;
 * `interrupt` aborts the running turn (and drops what waited) so the newest message runs next.
 */
export class SessionLanes {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly options: {
      mode: () => QueueMode;
      cap: () => number;
      /** Execute a run; resolves when it is over (never rejects). */
      execute(run: Run): Promise<void>;
      /** End a run that never started (aborted while waiting, superseded). */
      cancel(run: Run, stop: RunStop): void;
    },
  ) {}

  enqueue(run: Run): void {
    let lane = this.lanes.get(run.sessionKey);
    if (!lane) {
      lane = { waiting: [] };
      this.lanes.set(run.sessionKey, lane);
    }
    if (!lane.running) return this.launch(lane, run);
    const mode = this.options.mode();
    // A `/compact` in progress finishes first: interrupting it would only lose the summary.
    if (mode === 'interrupt' && !lane.running.compaction) {
      lane.running.controller.abort(
        new RunStop('interrupt', 'interrupted by a newer message (messages.queue.mode "interrupt")'),
      );
      for (const w of lane.waiting.splice(0))
        this.options.cancel(
          w,
          new RunStop('superseded', 'superseded by a newer message (messages.queue.mode "interrupt")'),
        );
      lane.waiting.push(run);
      return;
    }
    if (lane.waiting.length >= this.options.cap()) {
      throw agentError(
        'GW_ERR_AGENT_QUEUE_FULL',
        `session ${run.sessionKey} already has ${lane.waiting.length} messages waiting (messages.queue.cap); wait ` +
          'for the current run or abort it (chat.abort)',
        { retryable: true, retryAfterMs: 1000 },
      );
    }
    lane.waiting.push(run);
  }

  /** Abort a run: a waiting one ends at once, a running one through its signal. */
  abort(runId: string, stop: RunStop): boolean {
    for (const lane of this.lanes.values()) {
      if (lane.running?.runId === runId) {
        lane.running.controller.abort(stop);
        return true;
      }
      const i = lane.waiting.findIndex((r) => r.runId === runId);
      if (i >= 0) {
        const [run] = lane.waiting.splice(i, 1);
        this.options.cancel(run!, stop);
        return true;
      }
    }
    return false;
  }

  /** Abort everything on a session; returns the run ids. */
  abortSession(sessionKey: string, stop: RunStop): string[] {
    const lane = this.lanes.get(sessionKey);
    if (!lane) return [];
    const ids: string[] = [];
    for (const w of lane.waiting.splice(0)) {
      ids.push(w.runId);
      this.options.cancel(w, stop);
    }
    if (lane.running) {
      ids.push(lane.running.runId);
      lane.running.controller.abort(stop);
    }
    return ids;
  }

  depth(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.waiting.length + (lane.running ? 1 : 0);
    return n;
  }

  state(sessionKey: string): { running?: string; waiting: number } {
    const lane = this.lanes.get(sessionKey);
    return { running: lane?.running?.runId, waiting: lane?.waiting.length ?? 0 };
  }

  private launch(lane: Lane, run: Run): void {
    lane.running = run;
    const key = run.sessionKey;
    const before = sessionTails.get(key) ?? Promise.resolve();
    const work = before.then(() => this.options.execute(run));
    const tail = work.catch(() => undefined);
    sessionTails.set(key, tail);
    void tail.then(() => {
      if (sessionTails.get(key) === tail) sessionTails.delete(key);
      lane.running = undefined;
      const next = this.next(lane);
      if (next) this.launch(lane, next);
      else if (this.lanes.get(key) === lane) this.lanes.delete(key);
    });
  }

  private next(lane: Lane): Run | undefined {
    // `collect` folds the messages that waited into one run, up to the next `/compact`.
    const batch = lane.waiting.findIndex((r) => r.compaction);
    const foldable = batch === -1 ? lane.waiting.length : batch;
    if (this.options.mode() === 'collect' && foldable > 1) {
      const [first, ...rest] = lane.waiting.splice(0, foldable);
      first!.message = [first!.message, ...rest.map((r) => r.message)].join('\n\n');
      first!.merged.push(...rest);
      return first;
    }
    return lane.waiting.shift();
  }
}
