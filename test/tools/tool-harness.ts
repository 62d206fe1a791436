import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import type { FakeModelProvider, FakeToolCall } from '../fakes/model-provider.js';

let serial = 0;

export interface ToolOutcome {
  runId: string;
  /** The tool result text the model was given. */
  result: string;
  isError: boolean;
  /** `result` parsed as JSON when it is JSON. */
  json: any;
}

/**
 * One agent run in which the scripted fake model calls one tool, then answers "done": what the
 * tool returned is read from the run's `agent` tool events (exactly what the model saw).
 */
export async function callTool(
  c: GatewayClient,
  fake: FakeModelProvider,
  call: FakeToolCall,
  options: { sessionKey?: string; agentId?: string; timeoutMs?: number } = {},
): Promise<ToolOutcome> {
  fake.script([{ toolCalls: [call] }, { text: 'done' }]);
  const final = await c.request<{ runId: string; status: string }>(
    'agent',
    {
      message: `please use ${call.name}`,
      idempotencyKey: `tool-${process.pid}-${Date.now()}-${++serial}`,
      ...(options.sessionKey ? { sessionKey: options.sessionKey } : {}),
      ...(options.agentId ? { agentId: options.agentId } : {}),
    },
    { timeoutMs: options.timeoutMs ?? 20_000 },
  );
  const event = await c.waitForEvent(
    (e) =>
      e.event === 'agent' &&
      e.payload?.runId === final.runId &&
      e.payload?.stream === 'tool' &&
      e.payload?.data?.phase === 'result',
  );
  const result = String(event.payload.data.result);
  let json: any;
  try {
    json = JSON.parse(result);
  } catch {
    json = undefined;
  }
  return { runId: final.runId, result, isError: event.payload.data.isError === true, json };
}

/** The tool names the model was offered in its latest request. */
export function offeredTools(fake: FakeModelProvider): string[] {
  const last = [...fake.requests].reverse().find((r) => r.path === '/v1/chat/completions');
  return (last?.body?.tools ?? []).map((t: any) => t.function.name).sort();
}
