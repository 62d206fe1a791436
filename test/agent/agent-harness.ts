import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import { freePort } from '../support/free-port.js';

/** The fake's key, read by the gateway from this environment variable (`apiKey: "env:FAKE_MODEL_KEY"`). */
export const FAKE_KEY_ENV = { FAKE_MODEL_KEY: 'test-key' };

/**
 * A config with the fake provider under both wire formats: `openai/test-model` (default) and
 * `anth/test-model`, plus whatever `extra` adds (deep-merged one level down).
 */
export function agentConfig(fake: FakeModelProvider, extra: Record<string, any> = {}): Record<string, any> {
  const base: Record<string, any> = {
    models: {
      providers: {
        openai: {
          baseUrl: fake.baseUrl,
          apiKey: 'env:FAKE_MODEL_KEY',
          api: 'openai-completions',
          models: [{ id: 'test-model' }],
          maxRetries: 2,
          timeoutMs: 10_000,
        },
        anth: {
          baseUrl: fake.anthropicBaseUrl,
          apiKey: '${FAKE_MODEL_KEY}',
          api: 'anthropic-messages',
          models: [{ id: 'test-model' }],
        },
      },
    },
    agents: { defaults: { model: { primary: 'openai/test-model' } } },
  };
  for (const [k, v] of Object.entries(extra)) {
    base[k] = typeof v === 'object' && v && !Array.isArray(v) && typeof base[k] === 'object' ? { ...base[k], ...v } : v;
  }
  return base;
}

/** A fresh temp HOME with `~/clawd/AGENTS.md`, so the workspace prompt can be checked. */
export function homeWithAgentsMd(text: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-agent-'));
  fs.mkdirSync(path.join(home, 'clawd'), { recursive: true });
  fs.writeFileSync(path.join(home, 'clawd', 'AGENTS.md'), text);
  return home;
}

/** A base URL where nothing listens (for unreachable-provider and fallback tests). */
export async function deadBaseUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/v1`;
}

/** Text of the system prompt and of every message of a recorded provider request. */
export function requestText(body: any): string {
  return JSON.stringify([body?.system ?? null, body?.messages ?? []]);
}
