import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectParamsSchema } from '../../kernel/protocol/frames.js';
import type { TestGateway } from '../../sdk/testing.js';
import { startAllPluginsGateway } from './all-plugins-gateway.js';
import { ORIGINAL_PARAM_FIELDS } from './original-params.js';

// Issue 11 item 2: every params field the original gateway declares is accepted here, for every
// method this gateway serves. Each field is sent alone, nested under its parents, with a value of
// no type (null): the answer may refuse the value or name missing fields, but must never call the
// field itself unknown.

let gw: TestGateway;
let served: Set<string>;
type Client = Awaited<ReturnType<TestGateway['client']>>;
let operator: Client;
let node: Client;

beforeAll(async () => {
  gw = await startAllPluginsGateway();
  operator = await gw.client();
  node = await gw.client({ role: 'node', clientId: 'node-host', clientMode: 'node', instanceId: 'interop-node' });
  served = new Set(operator.hello.features.methods as string[]);
}, 60_000);
afterAll(async () => {
  operator?.close();
  node?.close();
  await gw?.close();
});

/** `a.b.c` → `{a: {b: {c: null}}}`. */
function probe(path: string): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), null) as Record<string, unknown>;
}

const regexEscaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The error text of a call, or '' when it was answered. */
async function errorOf(client: Client, method: string, params: unknown): Promise<string> {
  try {
    await client.request(method, params);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('params of the original gateway (clawdbot 2026.1.24 / moltbot 2026.1.27 clients)', () => {
  it('connect: every field the original declares is in the kernel schema', () => {
    const ours = new Set<string>();
    for (const [k, v] of Object.entries(ConnectParamsSchema.properties)) {
      ours.add(k);
      const inner = (v as { properties?: Record<string, unknown> }).properties;
      for (const sub of Object.keys(inner ?? {})) ours.add(`${k}.${sub}`);
    }
    expect(ORIGINAL_PARAM_FIELDS.connect!.filter((f) => !ours.has(f))).toEqual([]);
  });

  it('every method served here accepts every field the original declares for it', async () => {
    const refused: string[] = [];
    let probed = 0;
    for (const [method, fields] of Object.entries(ORIGINAL_PARAM_FIELDS)) {
      if (method === 'connect' || !served.has(method)) continue;
      const cases = fields.length ? fields : [''];
      for (const field of cases) {
        const params = field ? probe(field) : {};
        let message = await errorOf(operator, method, params);
        if (/needs scope node\b|GW_ERR_SCOPE_FORBIDDEN|FORBIDDEN/.test(message))
          message = await errorOf(node, method, params);
        probed++;
        if (!field) {
          if (/invalid params/.test(message)) refused.push(`${method} {}: ${message}`);
          continue;
        }
        const parts = field.split('.');
        const leaf = parts.pop()!;
        const at = ['params', ...parts].join('.');
        if (new RegExp(`${regexEscaped(at)}: unknown fields? [^;]*"${regexEscaped(leaf)}"`).test(message))
          refused.push(`${method} ${field}: ${message}`);
      }
    }
    expect(refused).toEqual([]);
    expect(probed).toBeGreaterThan(150);
  }, 120_000);
});
