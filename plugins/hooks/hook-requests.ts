import type { HooksConfigT } from './config-schema.js';
import { hooksError } from './errors.js';
import type { AgentRunBodyT, WakeBodyT } from './hook-bodies.js';
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

/** A field the schema let through, trimmed (null and blank mean unset). */
function trimmed(v: string | null | undefined): string | undefined {
  return v?.trim() || undefined;
}

export function wakeMode(value: unknown, fallback: 'now' | 'next-heartbeat'): 'now' | 'next-heartbeat' {
  if (value === undefined || value === null) return fallback;
  if (value === 'now' || value === 'next-heartbeat') return value;
  throw hooksError(
    'GW_ERR_HOOKS_BAD_REQUEST',
    `mode/wakeMode must be "now" or "next-heartbeat", not ${JSON.stringify(value)}`,
  );
}

/** `POST <path>/wake {text, mode?}` (the route schema checked its shape). */
export function readWake(body: WakeBodyT): { text: string; mode: 'now' | 'next-heartbeat' } {
  return { text: body.text.trim(), mode: wakeMode(body.mode, 'now') };
}

/** `POST <path>/agent {message, …}` (the route schema checked its shape), checked before anything is stored. */
export function readAgentRun(body: AgentRunBodyT, id: string, ctx: HookRequestContext): HookRun {
  const sessionKey = trimmed(body.sessionKey);
  if (sessionKey !== undefined) checkSessionKey(sessionKey, ctx.config);
  return hookRun(
    {
      message: body.message.trim(),
      name: trimmed(body.name),
      agentId: trimmed(body.agentId),
      sessionKey,
      wakeMode: body.wakeMode,
      deliver: body.deliver,
      channel: trimmed(body.channel),
      to: trimmed(body.to),
      model: trimmed(body.model),
      thinking: trimmed(body.thinking),
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
