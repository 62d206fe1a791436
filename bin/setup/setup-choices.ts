import { getPath, type JsonObject, setPath } from '../../kernel/config/object-path.js';
import type { ProviderEndpoint } from './provider-check.js';
import { TELEGRAM_API_ROOT } from './telegram-check.js';

/** What setup was told to change; applied to the config in one place (applyChoices). */
export interface SetupChoices {
  provider?: ProviderEndpoint & { model: string; models: string[] };
  telegram?: {
    token: string;
    apiRoot?: string;
    dmPolicy?: 'pairing' | 'allowlist' | 'open';
    allowFrom?: string[];
    /** @name from getMe, for the summary. */
    username?: string;
  };
  whatsapp?: boolean;
}

export const DM_POLICIES = ['pairing', 'allowlist', 'open'] as const;

/** The config after the choices: only the keys setup owns change; everything else stays as it was. */
export function applyChoices(config: JsonObject, choices: SetupChoices): JsonObject {
  let next = config;
  const p = choices.provider;
  if (p) {
    const existing = (getPath(next, `models.providers.${p.name}`) as JsonObject | undefined) ?? {};
    const listed = p.models.includes(p.model) ? p.models : [p.model, ...p.models];
    next = setPath(next, `models.providers.${p.name}`, {
      ...existing,
      baseUrl: p.baseUrl,
      api: p.api,
      ...(p.apiKey ? { apiKey: p.apiKey } : {}),
      // The chosen model first; an empty list would accept any id, a full one documents what exists.
      models: listed.slice(0, 50).map((id) => ({ id, name: id })),
    });
    next = setPath(next, 'agents.defaults.model.primary', `${p.name}/${p.model}`);
  }
  const t = choices.telegram;
  if (t) {
    const existing = (getPath(next, 'channels.telegram') as JsonObject | undefined) ?? {};
    const telegram: JsonObject = { ...existing, enabled: true, botToken: t.token };
    if (t.apiRoot && t.apiRoot.replace(/\/+$/, '') !== TELEGRAM_API_ROOT) telegram.apiRoot = t.apiRoot;
    if (t.dmPolicy) telegram.dmPolicy = t.dmPolicy;
    if (t.dmPolicy === 'open') telegram.allowFrom = ['*'];
    else if (t.allowFrom?.length) telegram.allowFrom = t.allowFrom;
    next = setPath(next, 'channels.telegram', telegram);
  }
  if (choices.whatsapp) {
    const existing = (getPath(next, 'channels.whatsapp') as JsonObject | undefined) ?? {};
    next = setPath(next, 'channels.whatsapp', { ...existing, enabled: true });
  }
  return next;
}
