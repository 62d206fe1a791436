/**
 * Request params exactly as the existing Moltbot clients (2026.1.27) build them, with the file
 * of the original client each comes from. `undefined` fields are dropped on the wire, as in the
 * original (it sends `JSON.stringify(frame)`). The interop tests send these to the real gateway.
 */

export interface RecordedCall {
  /** Which client sends it, and from where in the original code. */
  from: string;
  method: string;
  params: unknown;
}

export interface FrameContext {
  sessionKey: string;
  deviceId: string;
  idempotencyKey: () => string;
  /** `hash` from a config.get answer. */
  baseHash?: string;
}

/** Calls that change nothing lasting (safe to replay against any gateway). */
export function readOnlyCalls(c: FrameContext): RecordedCall[] {
  return [
    { from: 'CLI health (src/commands/health.ts)', method: 'health', params: undefined },
    { from: 'CLI health --verbose', method: 'health', params: { probe: true } },
    { from: 'TUI / CLI status (src/tui/gateway-chat.ts)', method: 'status', params: undefined },
    { from: 'control UI debug (ui/src/ui/controllers/debug.ts)', method: 'status', params: {} },
    {
      from: 'CLI channels status (src/commands/channels/status.ts)',
      method: 'channels.status',
      params: { probe: false, timeoutMs: 10_000 },
    },
    {
      from: 'CLI doctor (src/commands/doctor-gateway-health.ts)',
      method: 'channels.status',
      params: { probe: true, timeoutMs: 5000 },
    },
    {
      from: 'CLI status scan (src/commands/status.scan.ts)',
      method: 'channels.status',
      params: { probe: false, timeoutMs: 8000 },
    },
    {
      from: 'control UI channels (ui/src/ui/controllers/channels.ts)',
      method: 'channels.status',
      params: { probe: true, timeoutMs: 8000 },
    },
    {
      from: 'control UI logs (ui/src/ui/controllers/logs.ts)',
      method: 'logs.tail',
      params: { cursor: undefined, limit: 500, maxBytes: 250_000 },
    },
    {
      from: 'CLI logs (src/cli/logs-cli.ts)',
      method: 'logs.tail',
      params: { cursor: 0, limit: 200, maxBytes: 250_000 },
    },
    { from: 'control UI config (ui/src/ui/controllers/config.ts)', method: 'config.get', params: {} },
    { from: 'macOS app (GatewayConnection.swift)', method: 'config.schema', params: {} },
    { from: 'control UI presence (ui/src/ui/controllers/presence.ts)', method: 'system-presence', params: {} },
    { from: 'control UI devices (ui/src/ui/controllers/devices.ts)', method: 'device.pair.list', params: {} },
    {
      from: 'control UI chat (ui/src/ui/controllers/chat.ts)',
      method: 'chat.history',
      params: { sessionKey: c.sessionKey, limit: 200 },
    },
    {
      from: 'TUI (src/tui/gateway-chat.ts)',
      method: 'sessions.list',
      params: {
        limit: undefined,
        activeMinutes: undefined,
        includeGlobal: true,
        includeUnknown: true,
        includeDerivedTitles: true,
        includeLastMessage: true,
        agentId: undefined,
      },
    },
    {
      from: 'control UI sessions (ui/src/ui/controllers/sessions.ts)',
      method: 'sessions.list',
      params: { includeGlobal: true, includeUnknown: false, activeMinutes: 120, limit: 120 },
    },
    {
      from: 'macOS app (GatewayConnection.swift sessionsPreview)',
      method: 'sessions.preview',
      params: { keys: [c.sessionKey], limit: 12, maxChars: 400 },
    },
    { from: 'control UI agents (ui/src/ui/controllers/agents.ts)', method: 'agents.list', params: {} },
    { from: 'TUI models (src/tui/gateway-chat.ts)', method: 'models.list', params: undefined },
    { from: 'control UI debug', method: 'models.list', params: {} },
    { from: 'control UI usage', method: 'usage.cost', params: {} },
    { from: 'CLI status --usage (src/commands/status.ts)', method: 'usage.cost', params: { days: 30 } },
    {
      from: 'control UI usage (newer)',
      method: 'sessions.usage',
      params: { startDate: '2026-01-01', endDate: '2026-12-31', limit: 50 },
    },
    { from: 'control UI debug (ui/src/ui/controllers/debug.ts)', method: 'last-heartbeat', params: {} },
    {
      from: 'CLI agent wait (src/agents/tools/agent-step.ts)',
      method: 'agent.wait',
      params: { runId: 'no-such-run', timeoutMs: 0 },
    },
  ];
}

/** Calls with effects (a run, a setting, a token): replayed in order by the interop suite. */
export function writingCalls(c: FrameContext): RecordedCall[] {
  return [
    {
      from: 'TUI chat (src/tui/gateway-chat.ts sendChat)',
      method: 'chat.send',
      params: {
        sessionKey: c.sessionKey,
        message: 'hello from the TUI',
        thinking: 'low',
        deliver: false,
        timeoutMs: 0,
        idempotencyKey: c.idempotencyKey(),
      },
    },
    {
      from: 'control UI chat (ui/src/ui/controllers/chat.ts)',
      method: 'chat.send',
      params: {
        sessionKey: c.sessionKey,
        message: 'hello from the control UI',
        deliver: false,
        idempotencyKey: c.idempotencyKey(),
        attachments: undefined,
      },
    },
    {
      from: 'CLI agent (src/commands/agent-via-gateway.ts)',
      method: 'agent',
      params: {
        message: 'hello from the CLI',
        agentId: 'main',
        to: undefined,
        replyTo: undefined,
        sessionId: undefined,
        sessionKey: c.sessionKey,
        thinking: undefined,
        deliver: false,
        channel: 'whatsapp',
        replyChannel: undefined,
        replyAccountId: undefined,
        timeout: 600,
        lane: undefined,
        extraSystemPrompt: undefined,
        idempotencyKey: c.idempotencyKey(),
      },
    },
    {
      from: 'control UI sessions (ui/src/ui/controllers/sessions.ts patchSession)',
      method: 'sessions.patch',
      params: { key: c.sessionKey, label: 'Interop', thinkingLevel: 'low', verboseLevel: 'on', reasoningLevel: 'off' },
    },
    {
      from: 'macOS app (ControlChannel.swift sendSystemEvent)',
      method: 'system-event',
      params: { text: 'Node: Studio · app 2026.1.27', mode: 'ui', reason: 'periodic', lastInputSeconds: 12 },
    },
    {
      from: 'control UI devices (ui/src/ui/controllers/devices.ts rotateDeviceToken)',
      method: 'device.token.rotate',
      params: { deviceId: c.deviceId, role: 'operator', scopes: ['operator.admin'] },
    },
    {
      from: 'CLI system event (src/cli/system-cli.ts)',
      method: 'wake',
      params: { mode: 'next-heartbeat', text: 'Check mail' },
    },
    { from: 'TUI (src/tui/gateway-chat.ts resetSession)', method: 'sessions.reset', params: { key: c.sessionKey } },
  ];
}
