import type { AgentService, ChannelRegistrar, HeartbeatService, OutboundService } from '../../sdk/index.js';
import { announce } from './announce.js';
import type { ClaimedRun } from './cron-scheduler.js';
import type { RunResult } from './job-store.js';
import type { CronJob } from './job-types.js';

export interface RunDeps {
  agent(): AgentService | undefined;
  heartbeat(): HeartbeatService | undefined;
  outbound(): OutboundService | undefined;
  channels: ChannelRegistrar;
}

const SUMMARY_LINE_CHARS = 500;

/**
 * A `systemEvent` run: a system line into the main session (the heartbeat takes it now or at
 * its next beat, per `wakeMode`). Synchronous, so the scheduler stores the line in the very
 * commit that claims and ends the run: there is no moment at which it is half done.
 */
export function systemEventRun(job: CronJob, deps: Pick<RunDeps, 'heartbeat'>): RunResult | undefined {
  const payload = job.payload;
  if (payload.kind !== 'systemEvent') return undefined;
  const heartbeat = deps.heartbeat();
  if (!heartbeat)
    return {
      outcome: {
        status: 'error',
        error: 'the agent plugin (service "heartbeat") is not loaded',
        deliveryStatus: 'not-requested',
      },
    };
  return {
    outcome: { status: 'ok', summary: payload.text, deliveryStatus: 'not-requested' },
    alongside: () =>
      heartbeat.wake({ text: payload.text, mode: job.wakeMode, agentId: job.agentId, source: `cron:${job.id}` }),
  };
}

/**
 * An `agentTurn` run: a turn in the main session or in a fresh `cron:<jobId>:<runId>` session;
 * its reply is announced through the durable outbound queue, or (delivery none, isolated) left
 * as a system line for the main session, stored with the run's end.
 */
export async function agentTurnRun({ run, job }: ClaimedRun, deps: RunDeps): Promise<RunResult> {
  const payload = job.payload;
  if (payload.kind !== 'agentTurn') throw new Error(`job ${job.id} has no agent turn`);
  const heartbeat = deps.heartbeat();
  const agent = deps.agent();
  if (!agent)
    return {
      outcome: {
        status: 'error',
        error: 'the agent plugin (service "agent") is not loaded',
        deliveryStatus: 'unknown',
      },
    };
  const sessionKey = job.sessionTarget === 'isolated' ? `cron:${job.id}:${run.id}` : 'main';
  let outcome: Awaited<ReturnType<AgentService['submit']>['done']>;
  try {
    const submitted = agent.submit({
      ...(job.agentId ? { agentId: job.agentId } : {}),
      sessionKey,
      message: payload.message,
      idempotencyKey: `cron:${run.id}`,
      ...(payload.model ? { model: payload.model } : {}),
      ...(payload.thinking ? { thinking: payload.thinking } : {}),
      ...(payload.timeoutSeconds ? { timeoutMs: Math.round(payload.timeoutSeconds * 1000) } : {}),
    });
    outcome = await submitted.done;
  } catch (err) {
    return { outcome: { status: 'error', error: (err as Error).message, deliveryStatus: 'unknown' } };
  }
  const resolvedKey = outcome.sessionKey ?? sessionKey;
  if (outcome.status !== 'ok')
    return {
      outcome: {
        status: 'error',
        error: outcome.error?.message ?? `the agent run ended "${outcome.status}"`,
        sessionKey: resolvedKey,
        deliveryStatus: job.delivery?.mode === 'announce' ? 'not-delivered' : 'not-requested',
      },
    };
  const summary = outcome.text;
  if (job.delivery?.mode === 'announce') {
    const delivered = announce(summary, job.delivery, {
      runId: run.id,
      agentId: job.agentId,
      sessionKey: resolvedKey,
      outbound: deps.outbound(),
      heartbeat,
      channels: deps.channels,
    });
    // A reply that could not be delivered fails the run, unless the job says best effort.
    const failed = delivered.deliveryStatus === 'not-delivered' && !job.delivery.bestEffort && summary.trim() !== '';
    return {
      outcome: {
        status: failed ? 'error' : 'ok',
        ...(failed ? { error: `not delivered: ${delivered.deliveryError}` } : {}),
        summary,
        sessionKey: resolvedKey,
        ...delivered,
      },
    };
  }
  const result: RunResult = {
    outcome: { status: 'ok', summary, sessionKey: resolvedKey, deliveryStatus: 'not-requested' },
  };
  // Not announced: an isolated run's result waits for the main session as a system line.
  if (job.sessionTarget === 'isolated' && summary.trim() && heartbeat) {
    const text = `Cron job "${job.name}" ran: ${summary.trim().slice(0, SUMMARY_LINE_CHARS)}`;
    result.alongside = () =>
      heartbeat.wake({ text, mode: job.wakeMode, agentId: job.agentId, source: `cron:${job.id}` });
  }
  return result;
}
