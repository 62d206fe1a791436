import type { Static } from '../../sdk/index.js';
import { cronError } from './errors.js';
import type { AddParams } from './job-schemas.js';
import type { Delivery, JobSpec, Payload, Schedule } from './job-types.js';
import { cronPattern, parseAt } from './schedule.js';

/** What validation needs to know about the running gateway. */
export interface ValidationContext {
  now: number;
  /** Loaded channel ids (for `delivery.channel`). */
  channels: string[];
  /** Configured agent ids, or undefined when the agent plugin is not loaded (then not checked). */
  agents?: string[];
}

const MIN_EVERY_MS = 1000;
const MAX_EVERY_MS = 10 * 365 * 86_400_000;
const MAX_TEXT = 20_000;

type AddInput = Static<typeof AddParams>;

/** A job as a client sent it, checked for meaning: each refusal names the field and a valid example. */
export function validateJob(input: AddInput, ctx: ValidationContext): JobSpec {
  const schedule = validateSchedule(input.schedule, ctx.now);
  const payload = validatePayload(input.payload);
  const sessionTarget = input.sessionTarget ?? (payload.kind === 'systemEvent' ? 'main' : 'isolated');
  if (sessionTarget === 'isolated' && payload.kind === 'systemEvent')
    throw cronError(
      'GW_ERR_CRON_JOB_INVALID',
      'sessionTarget "isolated" runs an agent turn: use payload {"kind":"agentTurn","message":"…"}, ' +
        'or sessionTarget "main" for a system line',
      { field: 'sessionTarget', example: 'main' },
    );
  const delivery = validateDelivery(input.delivery, payload, ctx);
  const agentId = input.agentId ?? undefined;
  if (agentId !== undefined && ctx.agents && !ctx.agents.includes(agentId))
    throw cronError(
      'GW_ERR_CRON_AGENT_UNKNOWN',
      `agentId "${agentId}" is not a configured agent (agents.list[].id): use one of ${ctx.agents.join(', ')}`,
      { field: 'agentId', example: ctx.agents[0] },
    );
  return {
    name: input.name.trim() || 'job',
    ...(input.description ? { description: input.description } : {}),
    enabled: input.enabled ?? true,
    ...(agentId ? { agentId } : {}),
    ...(input.sessionKey ? { sessionKey: input.sessionKey } : {}),
    // One-shots go away once they ran, unless asked to stay (Moltbot's default).
    deleteAfterRun: input.deleteAfterRun ?? schedule.kind === 'at',
    schedule,
    sessionTarget,
    wakeMode: input.wakeMode ?? 'next-heartbeat',
    payload,
    ...(delivery ? { delivery } : {}),
  };
}

export function validateSchedule(raw: AddInput['schedule'], now: number): Schedule {
  switch (raw.kind) {
    case 'at': {
      const example = new Date(Math.ceil((now + 3_600_000) / 3_600_000) * 3_600_000).toISOString().replace('.000', '');
      if (!raw.at)
        throw cronError('GW_ERR_CRON_SCHEDULE_INVALID', `schedule.at is required for kind "at", e.g. "${example}"`, {
          field: 'schedule.at',
          example,
        });
      const t = parseAt(raw.at);
      if (Number.isNaN(t))
        throw cronError(
          'GW_ERR_CRON_SCHEDULE_INVALID',
          `schedule.at "${raw.at}" is not an ISO 8601 time: use e.g. "${example}" (no offset means UTC)`,
          { field: 'schedule.at', example },
        );
      if (t <= now)
        throw cronError(
          'GW_ERR_CRON_AT_IN_PAST',
          `schedule.at "${raw.at}" is in the past (now ${new Date(now).toISOString()}): ` +
            `give a later time, e.g. "${example}"`,
          { field: 'schedule.at', example },
        );
      return { kind: 'at', at: new Date(t).toISOString() };
    }
    case 'every': {
      const everyMs = raw.everyMs;
      if (everyMs === undefined || everyMs < MIN_EVERY_MS || everyMs > MAX_EVERY_MS)
        throw cronError(
          'GW_ERR_CRON_SCHEDULE_INVALID',
          `schedule.everyMs must be whole milliseconds from ${MIN_EVERY_MS} (1 s) to ${MAX_EVERY_MS} (10 years), ` +
            'e.g. 600000 for every 10 minutes',
          { field: 'schedule.everyMs', example: 600_000 },
        );
      if (raw.anchorMs !== undefined && raw.anchorMs < 0)
        throw cronError(
          'GW_ERR_CRON_SCHEDULE_INVALID',
          'schedule.anchorMs is a time in epoch milliseconds (the grid every slot falls on), e.g. 1767225600000',
          { field: 'schedule.anchorMs', example: 1_767_225_600_000 },
        );
      return { kind: 'every', everyMs, ...(raw.anchorMs !== undefined ? { anchorMs: raw.anchorMs } : {}) };
    }
    case 'cron': {
      const expr = raw.expr?.trim() ?? '';
      const fields = expr.split(/\s+/).length;
      const tz = raw.tz?.trim() || undefined;
      if (tz !== undefined && !isTimeZone(tz))
        throw cronError(
          'GW_ERR_CRON_TIMEZONE_INVALID',
          `schedule.tz "${raw.tz}" is not a time zone: use an IANA name, e.g. "Europe/Berlin" (or "UTC")`,
          { field: 'schedule.tz', example: 'Europe/Berlin' },
        );
      const hint = 'use 5 fields "minute hour day month weekday" (or 6 with seconds first), e.g. "0 9 * * 1-5"';
      if (!expr || (!expr.startsWith('@') && fields !== 5 && fields !== 6))
        throw cronError('GW_ERR_CRON_SCHEDULE_INVALID', `schedule.expr "${expr}" is not a cron expression: ${hint}`, {
          field: 'schedule.expr',
          example: '0 9 * * 1-5',
        });
      let next: number | undefined;
      try {
        next = cronPattern(expr, tz).nextRun(new Date(now))?.getTime();
      } catch (err) {
        throw cronError(
          'GW_ERR_CRON_SCHEDULE_INVALID',
          `schedule.expr "${expr}" is not valid (${(err as Error).message.replace(/^CronPattern: /, '')}): ${hint}`,
          { field: 'schedule.expr', example: '0 9 * * 1-5' },
        );
      }
      if (next === undefined)
        throw cronError(
          'GW_ERR_CRON_SCHEDULE_INVALID',
          `schedule.expr "${expr}" never matches a date (e.g. February 30): ${hint}`,
          {
            field: 'schedule.expr',
            example: '0 9 * * 1-5',
          },
        );
      return { kind: 'cron', expr, ...(tz ? { tz } : {}) };
    }
  }
}

function validatePayload(raw: AddInput['payload']): Payload {
  if (raw.kind === 'systemEvent') {
    const text = raw.text?.trim();
    if (!text || text.length > MAX_TEXT)
      throw cronError(
        'GW_ERR_CRON_JOB_INVALID',
        `payload.text is required for kind "systemEvent" (1 to ${MAX_TEXT} characters), ` +
          'e.g. "Reminder: stand-up in 10 minutes"',
        { field: 'payload.text', example: 'Reminder: stand-up in 10 minutes' },
      );
    return { kind: 'systemEvent', text };
  }
  const message = raw.message?.trim();
  if (!message || message.length > MAX_TEXT)
    throw cronError(
      'GW_ERR_CRON_JOB_INVALID',
      `payload.message is required for kind "agentTurn" (1 to ${MAX_TEXT} characters), e.g. "Summarize my inbox"`,
      { field: 'payload.message', example: 'Summarize my inbox' },
    );
  if (raw.model !== undefined && !/^[^/\s]+\/\S+$/.test(raw.model))
    throw cronError(
      'GW_ERR_CRON_JOB_INVALID',
      `payload.model "${raw.model}" must be "provider/model", e.g. "openai/gpt-4o"`,
      {
        field: 'payload.model',
        example: 'openai/gpt-4o',
      },
    );
  const t = raw.timeoutSeconds;
  if (t !== undefined && !(t > 0 && t <= 86_400))
    throw cronError(
      'GW_ERR_CRON_JOB_INVALID',
      'payload.timeoutSeconds must be more than 0 and at most 86400, e.g. 300',
      {
        field: 'payload.timeoutSeconds',
        example: 300,
      },
    );
  return {
    kind: 'agentTurn',
    message,
    ...(raw.model ? { model: raw.model } : {}),
    ...(raw.thinking ? { thinking: raw.thinking } : {}),
    ...(t !== undefined ? { timeoutSeconds: t } : {}),
  };
}

function validateDelivery(raw: AddInput['delivery'], payload: Payload, ctx: ValidationContext): Delivery | undefined {
  if (!raw) return undefined;
  const mode = raw.mode ?? 'announce';
  if (mode === 'webhook')
    throw cronError(
      'GW_ERR_CRON_JOB_INVALID',
      'delivery.mode "webhook" is not supported by this gateway: use "announce" (to a chat) or "none"',
      { field: 'delivery.mode', example: 'announce' },
    );
  if (mode === 'none') return { mode: 'none' };
  if (payload.kind === 'systemEvent')
    throw cronError(
      'GW_ERR_CRON_JOB_INVALID',
      'delivery "announce" needs payload kind "agentTurn" (a system line has no reply of its own; the ' +
        'heartbeat delivers what the main session answers): drop delivery or use an agentTurn',
      { field: 'delivery.mode', example: 'none' },
    );
  const channel = raw.channel?.trim() || 'last';
  if (channel !== 'last' && !ctx.channels.includes(channel))
    throw cronError(
      'GW_ERR_CRON_CHANNEL_UNKNOWN',
      `delivery.channel "${channel}" is not a loaded channel: use "last" (where the user last talked) or one of ` +
        `${ctx.channels.length ? ctx.channels.join(', ') : '(none loaded: configure channels.<id>)'}`,
      { field: 'delivery.channel', example: ctx.channels[0] ?? 'last' },
    );
  return {
    mode: 'announce',
    channel,
    ...(raw.to?.trim() ? { to: raw.to.trim() } : {}),
    ...(raw.accountId ? { accountId: raw.accountId } : {}),
    ...(raw.bestEffort !== undefined ? { bestEffort: raw.bestEffort } : {}),
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
