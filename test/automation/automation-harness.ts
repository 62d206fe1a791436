import type { EventFrame, GatewayClient } from '../../sdk/client/gateway-client.js';
import type { FakeModelProvider } from '../fakes/model-provider.js';
import { eventually } from '../support/eventually.js';

/** The fake provider as `fake/test-model`, with a fast reload debounce. */
export function baseConfig(model: FakeModelProvider, extra: Record<string, any> = {}): Record<string, any> {
  return {
    models: {
      providers: {
        fake: { baseUrl: model.baseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'test-model' }] },
      },
    },
    agents: { defaults: { model: { primary: 'fake/test-model' } } },
    gateway: { reload: { debounceMs: 50 } },
    ...extra,
  };
}

/** Provider requests whose last user message contains `text`. */
export function requestsWith(model: FakeModelProvider, text: string): number {
  return model.requests.filter((r) => {
    const messages = (r.body?.messages ?? []) as Array<{ role: string; content: unknown }>;
    const users = messages.filter((m) => m.role === 'user');
    return JSON.stringify(users.at(-1)?.content ?? '').includes(text);
  }).length;
}

/** Finished runs of a job, oldest first. */
export async function finishedRuns(c: GatewayClient, jobId: string): Promise<any[]> {
  const { entries } = await c.request('cron.runs', { id: jobId, limit: 500, sortDir: 'asc' });
  return entries;
}

/** Wait until a job has at least `n` finished runs; returns them. */
export async function waitForRuns(c: GatewayClient, jobId: string, n: number, timeoutMs = 10_000): Promise<any[]> {
  return eventually(
    async () => {
      const runs = await finishedRuns(c, jobId);
      if (runs.length < n) throw new Error(`job ${jobId}: ${runs.length} of ${n} runs finished`);
      return runs;
    },
    timeoutMs,
    100,
  );
}

/** Collect `cron` events on a connection. */
export function cronEvents(c: GatewayClient): EventFrame[] {
  const seen: EventFrame[] = [];
  c.onEvent((e) => {
    if (e.event === 'cron') seen.push(e);
  });
  return seen;
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
