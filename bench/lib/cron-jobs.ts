/** Adding many cron jobs quickly: `cron.add` requests pipelined on one connection, in waves. */
import type { ProtocolClient } from './protocol-client.js';

export async function addJobs(
  client: ProtocolClient,
  count: number,
  job: (i: number) => Record<string, unknown>,
  wave = 200,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += wave) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + wave); i++) batch.push(client.request('cron.add', job(i), 60_000));
    for (const added of (await Promise.all(batch)) as Array<{ id: string }>) ids.push(added.id);
  }
  return ids;
}
