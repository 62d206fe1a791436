/** Waits for plugins of a started gateway to be active, through the `plugins.list` method. */
import { now, sleep } from './clock.js';
import type { ProtocolClient } from './protocol-client.js';
import { WorkloadSkipped } from './workload-skipped.js';

/** The fields of a `plugins.list` row the bench reads. */
export interface PluginRow {
  readonly id: string;
  readonly state: string;
  readonly generation: number;
  readonly loadMs?: number;
  readonly lastError?: { code: string; message: string };
}

export async function listPlugins(client: ProtocolClient): Promise<PluginRow[]> {
  const payload = (await client.request('plugins.list', {})) as { plugins?: PluginRow[] };
  return payload.plugins ?? [];
}

/**
 * Resolves once every id is `active`. An id the gateway does not know at all (a first-party
 * plugin not in this build's catalog) skips the workload; one that failed to load is an error.
 */
export async function waitForPlugins(
  client: ProtocolClient,
  ids: readonly string[],
  timeoutMs = 10_000,
): Promise<Map<string, PluginRow>> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const rows = new Map((await listPlugins(client)).map((row) => [row.id, row]));
    const missing = ids.filter((id) => !rows.has(id));
    if (missing.length > 0) throw new WorkloadSkipped(`plugin not available (${missing.join(', ')} not in this build)`);
    const failed = ids.map((id) => rows.get(id)!).find((row) => row.state === 'failed');
    if (failed)
      throw new Error(
        `plugin ${failed.id} failed to load: ${failed.lastError?.code ?? ''} ${failed.lastError?.message ?? ''}`,
      );
    if (ids.every((id) => rows.get(id)!.state === 'active')) return rows;
    if (now() >= deadline) {
      const states = ids.map((id) => `${id}=${rows.get(id)!.state}`).join(', ');
      throw new Error(`plugins not active within ${timeoutMs} ms: ${states}`);
    }
    await sleep(50);
  }
}
