import type { CallerInfo, HelloClient } from './context.js';

/**
 * A device waiting for an operator: it proved its Ed25519 key in a connect but brought no
 * credential the gateway accepts on its own (docs/nodes.md "Pairing"). The kernel records it
 * and closes the connect with 1008 "pairing required"; a plugin shows and resolves it.
 */
export interface PairingRequest {
  requestId: string;
  deviceId: string;
  publicKey: string;
  /** The role the device asked for (`operator` or `node`). */
  role: string;
  /** The scopes it asked for (`["node"]` for nodes). */
  scopes: string[];
  clientId: string;
  clientMode: string;
  displayName?: string;
  platform?: string;
  version?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  /** What a node declared in its connect. */
  caps?: string[];
  commands?: string[];
  remoteIp: string;
  /** The connect came from a browser (it carried an Origin header). */
  browser: boolean;
  /** The device was paired before (its token was delivered or revoked) and asks again. */
  isRepair: boolean;
  createdAtMs: number;
  expiresAtMs: number;
}

/** A paired device and role as the kernel's device registry keeps it (never its token). */
export interface PairedDevice {
  deviceId: string;
  publicKey: string;
  role: string;
  scopes: string[];
  clientId: string;
  displayName?: string;
  approvedAtMs: number;
  tokenIssuedAtMs?: number;
  /** False after `device.token.revoke`: the device must prove the shared secret or pair again. */
  hasToken: boolean;
  lastSeenAtMs?: number;
  /** At least one connection of this device and role is open now. */
  connected: boolean;
}

/** One authenticated WebSocket connection and what it declared in its connect. */
export interface ConnectedClient {
  connId: string;
  caller: CallerInfo;
  client: {
    id: string;
    version: string;
    platform: string;
    mode: string;
    displayName?: string;
    instanceId?: string;
    deviceFamily?: string;
    modelIdentifier?: string;
  };
  caps: string[];
  commands: string[];
  permissions: Record<string, unknown>;
  connectedAtMs: number;
  /** How it reached the gateway (the Host it dialled, its address): where it can reach our other ports. */
  reach?: HelloClient;
}

export interface ApproveOptions {
  /** Scopes the device token carries (default: what the device asked for). At most the approver's. */
  scopes?: string[];
  displayName?: string;
  /** The approving caller: its scopes bound what it may grant. */
  by?: CallerInfo;
}

/**
 * The kernel's pairing requests and device registry (`ctx.devices`). Approval issues a device
 * token scoped to the approved role and scopes; the device is shown it once, in the hello-ok of
 * its next connect (only its hash is stored).
 */
export interface DeviceDirectory {
  /** Requests still waiting (expired ones are gone), oldest first. */
  pending(): PairingRequest[];
  /**
   * Approve a waiting request. Undefined when no such request waits (unknown, resolved or
   * expired); throws `FORBIDDEN` when `options.by` may not grant the scopes.
   */
  approve(requestId: string, options?: ApproveOptions): { request: PairingRequest; device: PairedDevice } | undefined;
  /** Reject a waiting request; undefined when none waits. The device may ask again. */
  reject(requestId: string): PairingRequest | undefined;
  /** Every paired device and role. */
  paired(): PairedDevice[];
  get(deviceId: string, role: string): PairedDevice | undefined;
  /** Set a paired device's display name (every role it holds); false when it is not paired. */
  rename(deviceId: string, displayName: string): boolean;
  /** Does `token` match the device token of this device and role? (constant time) */
  verifyToken(deviceId: string, role: string, token: string): boolean;
  /**
   * Disable the device's token for `role` and close that device's open sockets with 1008 at once
   * (`answering`: the connection whose request this is, closed just after its answer).
   */
  revoke(deviceId: string, role: string, answering?: string): boolean;
  /** Forget the device (every role) and close its open sockets with 1008. */
  remove(deviceId: string, answering?: string): boolean;
}

/** The gateway's authenticated connections (`ctx.connections`), for plugins that route to one. */
export interface ConnectionDirectory {
  list(): ConnectedClient[];
  get(connId: string): ConnectedClient | undefined;
}
