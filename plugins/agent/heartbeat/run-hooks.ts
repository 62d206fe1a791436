import type { AgentRunOrigin } from '../../../sdk/index.js';
import type { HeartbeatStore, SystemLine } from './heartbeat-store.js';

/**
 * What the agent runtime tells the heartbeat part about its runs, so the runtime itself stays
 * unaware of system lines and routes: a run from a channel records where the user talked; a
 * turn carries the lines waiting for its session; the run's end lets go of them.
 */
export interface RunHooks {
  /** After a restart: lines claimed by runs that did not finish wait again. */
  recover(live: ReadonlySet<string>): void;
  submitted(run: { sessionKey: string; agentId: string; origin?: AgentRunOrigin }): void;
  /** The message the turn actually sends: waiting system lines first, then the message. */
  compose(run: { runId: string; sessionKey: string; message: string }): string;
  ended(runId: string): void;
}

export function systemLineHooks(store: HeartbeatStore): RunHooks {
  return {
    recover: (live) => void store.unclaimStale(live),
    submitted({ sessionKey, agentId, origin }) {
      if (!origin) return;
      store.rememberRoute(sessionKey, agentId, origin.chatType, {
        channel: origin.channel,
        accountId: origin.accountId,
        to: origin.chatId,
        ...(origin.threadId ? { threadId: origin.threadId } : {}),
      });
    },
    compose({ runId, sessionKey, message }) {
      const lines = store.claim(sessionKey, runId);
      return lines.length ? `${lines.map(systemLineText).join('\n')}\n\n${message}` : message;
    },
    ended: (runId) => store.release(runId),
  };
}

/** `System: [2026-12-24 18:00:00 UTC] text` — what the model reads for each waiting line. */
export function systemLineText(line: SystemLine): string {
  const when = new Date(line.createdAt).toISOString().replace('T', ' ').slice(0, 19);
  return `System: [${when} UTC] ${line.text}`;
}
