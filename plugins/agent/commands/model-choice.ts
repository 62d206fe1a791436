import type { AgentRuntime } from '../agent-runtime.js';
import { resolveRef } from '../provider/model-ref.js';

/**
 * The models a chat may pick with /model: `agents.defaults.models` when set (an allowlist, with
 * aliases), otherwise every model the providers list.
 */
export function modelChoices(runtime: AgentRuntime): string[] {
  const allow = runtime.config.agents.defaults.models;
  if (allow) return Object.entries(allow).map(([ref, v]) => (v.alias ? `${ref} (${v.alias})` : ref));
  return Object.entries(runtime.config.models.providers).flatMap(([name, p]) => p.models.map((m) => `${name}/${m.id}`));
}

/** `arg` (a `provider/model` ref or an alias) as a model this session may use, or why not. */
export function resolveModelChoice(
  runtime: AgentRuntime,
  arg: string,
): { ok: true; ref: string } | { ok: false; message: string } {
  const allow = runtime.config.agents.defaults.models;
  const byAlias = allow && Object.entries(allow).find(([, v]) => v.alias?.toLowerCase() === arg.toLowerCase())?.[0];
  const ref = byAlias ?? arg;
  if (allow && !(ref in allow))
    return {
      ok: false,
      message: `${arg} is not in agents.defaults.models (allowed: ${Object.keys(allow).join(', ')})`,
    };
  try {
    resolveRef(runtime.config, ref, '/model');
    return { ok: true, ref };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}
