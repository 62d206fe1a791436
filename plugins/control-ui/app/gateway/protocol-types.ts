/** Wire shapes the dashboard reads (PROTOCOL.md); only the fields it uses are typed. */

export interface ErrorShape {
  code: string;
  message: string;
  details?: { errorCode?: string; [k: string]: unknown };
  retryable?: boolean;
  retryAfterMs?: number;
}

export interface ResponseFrame {
  type: 'res';
  id: string;
  ok: boolean;
  payload?: any;
  error?: ErrorShape;
}

export interface EventFrame {
  type: 'event';
  event: string;
  payload?: any;
  seq?: number;
  stateVersion?: { presence: number; health: number };
}

export interface PresenceEntry {
  host?: string;
  ip?: string;
  version?: string;
  platform?: string;
  mode?: string;
  reason?: string;
  text?: string;
  ts: number;
  deviceId?: string;
  instanceId?: string;
  roles?: string[];
  scopes?: string[];
}

export interface PluginHealth {
  id: string;
  version?: string;
  state: string;
  generation?: number;
  error?: string;
  errorCode?: string;
}

export interface ChannelAccount {
  accountId: string;
  linked: boolean;
  state: string;
  identity?: string;
  lastInboundAt?: number;
  lastOutboundAt?: number;
  lastError?: string;
  hint?: string;
}

export interface HealthSnapshot {
  ok: boolean;
  ts: number;
  channels: Record<string, { linked: boolean; accounts: ChannelAccount[]; error?: string }>;
  plugins: PluginHealth[];
  sessions: { count: number };
  configError?: { message: string; path?: string; at: number };
}

export interface HelloOk {
  type: 'hello-ok';
  protocol: number;
  server: { version: string; connId: string; host?: string };
  features: { methods: string[]; events: string[] };
  snapshot: {
    presence: PresenceEntry[];
    health: HealthSnapshot;
    stateVersion: { presence: number; health: number };
    uptimeMs: number;
    configPath?: string;
    stateDir?: string;
    sessionDefaults?: { defaultAgentId: string; mainKey: string; mainSessionKey: string };
  };
  auth?: { deviceToken: string; role: string; scopes: string[]; issuedAtMs?: number };
  policy: { maxPayload: number; maxBufferedBytes: number; tickIntervalMs: number };
}

/** A failed request, carrying the gateway's error shape. */
export class GatewayRequestError extends Error {
  readonly code: string;
  readonly details?: ErrorShape['details'];
  readonly retryAfterMs?: number;

  constructor(error: ErrorShape) {
    super(error.message);
    this.name = 'GatewayRequestError';
    this.code = error.code;
    this.details = error.details;
    this.retryAfterMs = error.retryAfterMs;
  }
}
