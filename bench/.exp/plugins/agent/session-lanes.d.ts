import type { Run } from './run-types.js';
import { RunStop } from './run-types.js';
export type QueueMode = 'followup' | 'collect' | 'interrupt' | 'steer' | 'steer-backlog' | 'queue';
/**
 * One run per session at a time. Messages arriving during a run wait in the session's lane:
 * `followup` runs each in order; `collect` folds everything that waited into one run;
 * `interrupt` aborts the running turn (and drops what waited) so the newest message runs next.
 */
export declare class SessionLanes {
    private readonly options;
    private readonly lanes;
    constructor(options: {
        mode: () => QueueMode;
        cap: () => number;
        /** Execute a run; resolves when it is over (never rejects). */
        execute(run: Run): Promise<void>;
        /** End a run that never started (aborted while waiting, superseded). */
        cancel(run: Run, stop: RunStop): void;
    });
    enqueue(run: Run): void;
    /** Abort a run: a waiting one ends at once, a running one through its signal. */
    abort(runId: string, stop: RunStop): boolean;
    /** Abort everything on a session; returns the run ids. */
    abortSession(sessionKey: string, stop: RunStop): string[];
    depth(): number;
    state(sessionKey: string): {
        running?: string;
        waiting: number;
    };
    private launch;
    private next;
}
