import type { HooksConfigT } from './config-schema.js';
import { hooksError } from './errors.js';
import type { HookRun } from './hook-store.js';

/** What validation needs from the running gateway. */
export interface HookRequestContext {
  config: HooksConfigT;
  channels: string[];
  /** Configured agent ids, or undefined when the agent plugin is not loaded. */
  agents?: string[];
}

type Body = Record<string, unknown>;

export function asObject(body: unknown): Body {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
    throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', 'the body must be a JSON object, e.g. {"text":"New email"}');
  return body as Body;
}

function optionalString(body: Body, field: string, max = 10_000): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > max)
    throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', `"${field}" must be a non-empty string (at most ${max} characters)`);
  return v.trim();
}

export function wakeMode(value: unknown, fallback: 'now' | 'next-heartbeat'): 'now' | 'next-heartbeat' {
  if (value === undefined || value === null) return fallback;
  if (value === 'now' || value === 'next-heartbeat') return value;
  throw hooksError(
    'GW_ERR_HOOKS_BAD_REQUEST',
    `mode/wakeMode must be "now" or "next-heartbeat", not ${JSON.stringify(value)}`,
  );
}

/** `POST <path>/wake {text, mode?}`. */
export function readWake(raw: unknown): { text: string; mode: 'now' | 'next-heartbeat' } {
  const body = asObject(raw);
  const text = optionalString(body, 'text', 20_000);
  if (!text) throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', '"text" is required, e.g. {"text":"New email from Ada"}');
  return { text, mode: wakeMode(body.mode, 'now') };
}

/** `POST <path>/agent {message, …}`, checked before anything is stored. */
export function readAgentRun(raw: unknown, id: string, ctx: HookRequestContext): HookRun {
  const body = asObject(raw);
  const message = optionalString(body, 'message', 200_000);
  if (!message)
    throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', '"message" is required, e.g. {"message":"Summarize this email: …"}');
  const sessionKey = optionalString(body, 'sessionKey', 256);
  if (sessionKey !== undefined) checkSessionKey(sessionKey, ctx.config);
  return hookRun(
    {
      message,
      name: optionalString(body, 'name', 200),
      agentId: optionalString(body, 'agentId', 200),
      sessionKey,
      wakeMode: body.wakeMode,
      deliver: body.deliver,
      channel: optionalString(body, 'channel', 100),
      to: optionalString(body, 'to', 200),
      model: optionalString(body, 'model', 200),
      thinking: optionalString(body, 'thinking', 50),
      timeoutSeconds: body.timeoutSeconds,
    },
    id,
    ctx,
  );
}

/** The stored run: defaults applied and each field checked (also for mappings, whose fields are trusted config). */
export function hookRun(
  f: {
    message: string;
    name?: string;
    agentId?: string;
    sessionKey?: string;
    wakeMode?: unknown;
    deliver?: unknown;
    channel?: string;
    to?: string;
    model?: string;
    thinking?: string;
    timeoutSeconds?: unknown;
  },
  id: string,
  ctx: HookRequestContext,
): HookRun {
  if (f.agentId !== undefined && ctx.agents && !ctx.agents.includes(f.agentId))
    throw hooksError(
      'GW_ERR_HOOKS_BAD_REQUEST',
      `"agentId" "${f.agentId}" is not a configured agent: use one of ${ctx.agents.join(', ')}`,
    );
  if (f.deliver !== undefined && typeof f.deliver !== 'boolean')
    throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', '"deliver" must be true or false');
  const channel = f.channel ?? 'last';
  if (channel !== 'last' && !ctx.channels.includes(channel))
    throw hooksError(
      'GW_ERR_HOOKS_BAD_REQUEST',
      `"channel" "${channel}" is not a loaded channel: use "last" or one of ${ctx.channels.join(', ') || '(none)'}`,
    );
  if (f.model !== undefined && !/^[^/\s]+\/\S+$/.test(f.model))
    throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', `"model" must be "provider/model", e.g. "openai/gpt-4o"`);
  const t = f.timeoutSeconds;
  if (t !== undefined && !(typeof t === 'number' && t > 0 && t <= 86_400))
    throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', '"timeoutSeconds" must be a number above 0 and at most 86400');
  return {
    message: f.message,
    name: f.name ?? 'hook',
    ...(f.agentId ? { agentId: f.agentId } : {}),
    sessionKey: f.sessionKey ?? `hook:${id}`,
    wakeMode: wakeMode(f.wakeMode, 'next-heartbeat'),
    deliver: f.deliver ?? true,
    channel,
    ...(f.to ? { to: f.to } : {}),
    ...(f.model ? { model: f.model } : {}),
    ...(f.thinking ? { thinking: f.thinking } : {}),
    ...(typeof t === 'number' ? { timeoutSeconds: t } : {}),
  };
}

function checkSessionKey(key: string, config: HooksConfigT): void {
  if (!config.allowRequestSessionKey)
    throw hooksError(
      'GW_ERR_HOOKS_SESSION_KEY_REFUSED',
      '"sessionKey" from the request is refused (a caller could write into any session): set ' +
        'hooks.allowRequestSessionKey: true and list allowed prefixes in hooks.allowSessionKeyPrefixes',
    );
  if (!config.allowSessionKeyPrefixes.some((p) => key.startsWith(p)))
    throw hooksError(
      'GW_ERR_HOOKS_SESSION_KEY_REFUSED',
      `"sessionKey" must start with one of ${config.allowSessionKeyPrefixes.map((p) => `"${p}"`).join(', ')} ` +
        '(hooks.allowSessionKeyPrefixes)',
    );
}
