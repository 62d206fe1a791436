import type { Logger } from 'pino';
import type { HelloClient, HelloFields, InternalEventMap } from '../sdk/context.js';
import type { DeviceRegistry } from './auth/device-registry.js';
import type { FailureLimiter } from './auth/failure-limiter.js';
import type { PairingRequests } from './auth/pairing-requests.js';
import type { HostPolicy } from './auth/request-guard.js';
import type { ResolvedAuth } from './auth/shared-secret.js';
import type { SignatureReplayGuard } from './auth/signature-replay.js';
import type { TailscaleVerifier } from './auth/tailscale-verifier.js';
import type { Broadcaster } from './bus/broadcaster.js';
import type { IdempotencyCache } from './bus/idempotency-cache.js';
import type { MethodRegistry } from './bus/method-registry.js';
import type { PresenceTable } from './bus/presence.js';
import type { PresenceAnnouncer } from './bus/presence-announcer.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import type { GatewayPaths } from './paths.js';

export interface SessionDefaults {
  defaultAgentId: string;
  mainKey: string;
  mainSessionKey: string;
}

/** What the connection layer needs from the running gateway (one per start; rebuilt on restart). */
export interface KernelRuntime {
  readonly version: string;
  readonly startedAt: number;
  readonly logger: Logger;
  readonly paths: GatewayPaths;
  readonly auth: ResolvedAuth;
  readonly hostPolicy: HostPolicy;
  /** The port the config/flags asked for (0: the OS picks; `hostPolicy.port` is the bound one). */
  readonly requestedPort: number;
  readonly limiter: FailureLimiter;
  /** Prometheus metrics (one per process; `GET /metrics` when `gateway.metrics.enabled`). */
  readonly metrics: GatewayMetrics;
  /** Set when `gateway.auth.allowTailscale` is on: Serve identity confirmed by tailscaled whois. */
  readonly tailscale?: TailscaleVerifier;
  readonly devices: DeviceRegistry;
  /** Devices waiting for an operator, and the pairing settings (`gateway.pairing`). */
  readonly pairing: PairingRequests;
  /** Device signatures seen lately: each is accepted once. */
  readonly signatures: SignatureReplayGuard;
  readonly methods: MethodRegistry;
  readonly broadcaster: Broadcaster;
  readonly presence: PresenceTable;
  readonly presenceAnnouncer: PresenceAnnouncer;
  readonly idempotency: IdempotencyCache;
  readonly verbose: boolean;
  readonly tickIntervalMs: number;
  readonly handshakeTimeoutMs: number;
  /** False while draining for a restart or stop: side-effecting calls get UNAVAILABLE. */
  acceptingWork: boolean;
  healthSnapshot(): Record<string, unknown>;
  /** hello-ok `snapshot.sessionDefaults`, when a plugin (the agent) provides them. */
  sessionDefaults(): SessionDefaults | undefined;
  /** A hello-ok field contributed by a plugin (`canvasHostUrl`), for this client; undefined when none. */
  helloField<K extends keyof HelloFields>(field: K, client: HelloClient): HelloFields[K] | undefined;
  /** Tell plugins (`ctx.events.on`) about a gateway-internal happening. */
  notify<K extends keyof InternalEventMap>(name: K, payload: InternalEventMap[K]): void;
}
