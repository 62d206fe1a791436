import type { Database } from 'better-sqlite3';
import { type CallerInfo, type ConnectedClient, type PairedDevice, preparedStatement } from '../../sdk/index.js';

export const NODES_MIGRATIONS = [
  `CREATE TABLE nodes_known (
     node_id TEXT PRIMARY KEY, display_name TEXT, renamed INTEGER NOT NULL DEFAULT 0, platform TEXT, version TEXT,
     device_family TEXT, model_identifier TEXT, client_id TEXT, caps TEXT NOT NULL, commands TEXT NOT NULL,
     permissions TEXT NOT NULL, remote_ip TEXT, first_seen_at INTEGER NOT NULL, last_connected_at INTEGER,
     last_disconnected_at INTEGER)`,
  // node.pair.request (a node without a device key, paired by an operator on its behalf) and its tokens.
  `CREATE TABLE nodes_pair_requests (
     request_id TEXT PRIMARY KEY, node_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)`,
  `CREATE TABLE nodes_tokens (
     node_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, issued_at INTEGER NOT NULL)`,
];

/** A node that is connected now: one connection per node id (the newest wins). */
export interface NodeSession {
  nodeId: string;
  connId: string;
  caller: CallerInfo;
  client: ConnectedClient['client'];
  caps: string[];
  commands: string[];
  permissions: Record<string, unknown>;
  connectedAtMs: number;
  reach?: ConnectedClient['reach'];
}

/** `node.list` / `node.describe` rows (PROTOCOL.md shapes, plus what the gateway knows beside them). */
export interface NodeView {
  nodeId: string;
  displayName?: string;
  platform: string;
  version: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  clientId?: string;
  caps: string[];
  commands: string[];
  permissions: Record<string, unknown>;
  connectedAtMs?: number;
  lastSeenAtMs?: number;
  remoteIp?: string;
  paired: boolean;
  connected: boolean;
}

interface KnownRow {
  node_id: string;
  display_name: string | null;
  renamed: number;
  platform: string | null;
  version: string | null;
  device_family: string | null;
  model_identifier: string | null;
  client_id: string | null;
  caps: string;
  commands: string;
  permissions: string;
  remote_ip: string | null;
  last_connected_at: number | null;
  last_disconnected_at: number | null;
}

/** A connection's node id: its device id (PROTOCOL.md), else its instance id, else the connection. */
export function nodeIdOf(caller: CallerInfo): string {
  return caller.deviceId ?? caller.instanceId ?? caller.connId;
}

/**
 * The live node table: the node connections open now, and every node seen before (kept in
 * SQLite with what it declared last, so `node.list` shows a paired node that is offline).
 */
export class NodeTable {
  private readonly live = new Map<string, NodeSession>();

  constructor(private readonly db: Database) {}

  /** A node connection passed the handshake. */
  connected(c: ConnectedClient): NodeSession {
    const session: NodeSession = {
      nodeId: nodeIdOf(c.caller),
      connId: c.connId,
      caller: c.caller,
      client: c.client,
      caps: c.caps,
      commands: c.commands,
      permissions: c.permissions,
      connectedAtMs: c.connectedAtMs,
      reach: c.reach,
    };
    this.live.set(session.nodeId, session);
    preparedStatement(
      this.db,
      `INSERT INTO nodes_known (node_id, display_name, platform, version, device_family, model_identifier, client_id,
         caps, commands, permissions, remote_ip, first_seen_at, last_connected_at)
       VALUES (@nodeId, @displayName, @platform, @version, @deviceFamily, @modelIdentifier, @clientId, @caps,
         @commands, @permissions, @remoteIp, @now, @now)
       ON CONFLICT (node_id) DO UPDATE SET
         display_name = CASE WHEN renamed = 1 THEN display_name ELSE COALESCE(@displayName, display_name) END,
         platform = @platform, version = @version, device_family = @deviceFamily, model_identifier = @modelIdentifier,
         client_id = @clientId, caps = @caps, commands = @commands, permissions = @permissions, remote_ip = @remoteIp,
         last_connected_at = @now`,
    ).run({
      nodeId: session.nodeId,
      displayName: c.client.displayName ?? null,
      platform: c.client.platform,
      version: c.client.version,
      deviceFamily: c.client.deviceFamily ?? null,
      modelIdentifier: c.client.modelIdentifier ?? null,
      clientId: c.client.id,
      caps: JSON.stringify(c.caps),
      commands: JSON.stringify(c.commands),
      permissions: JSON.stringify(c.permissions),
      remoteIp: c.caller.ip,
      now: c.connectedAtMs,
    });
    return session;
  }

  /** A connection closed; returns the session it ended (undefined when a newer one had replaced it). */
  disconnected(connId: string, caller: CallerInfo): NodeSession | undefined {
    const nodeId = nodeIdOf(caller);
    const cur = this.live.get(nodeId);
    if (!cur || cur.connId !== connId) return undefined;
    this.live.delete(nodeId);
    preparedStatement(this.db, 'UPDATE nodes_known SET last_disconnected_at = ? WHERE node_id = ?').run(
      Date.now(),
      nodeId,
    );
    return cur;
  }

  session(nodeId: string): NodeSession | undefined {
    return this.live.get(nodeId);
  }

  sessions(): NodeSession[] {
    return [...this.live.values()];
  }

  /** Every node: connected ones, nodes paired through the device registry, and nodes seen before. */
  list(pairedDevices: readonly PairedDevice[], pairedTokens: ReadonlySet<string>): NodeView[] {
    const paired = new Map(pairedDevices.filter((d) => d.role === 'node' && d.hasToken).map((d) => [d.deviceId, d]));
    const known = new Map(
      (preparedStatement(this.db, 'SELECT * FROM nodes_known').all() as KnownRow[]).map((r) => [r.node_id, r]),
    );
    const ids = new Set([...this.live.keys(), ...paired.keys(), ...pairedTokens, ...known.keys()]);
    const out: NodeView[] = [];
    for (const id of ids) {
      const view = this.view(id, known.get(id), paired.get(id), pairedTokens.has(id));
      // A node seen once without ever pairing (a shared-secret node) is listed while connected only.
      if (view.connected || view.paired) out.push(view);
    }
    return out.sort(
      (a, b) =>
        Number(b.connected) - Number(a.connected) ||
        (a.displayName ?? a.nodeId).localeCompare(b.displayName ?? b.nodeId),
    );
  }

  /** Set a node's display name (it sticks: a reconnect does not overwrite it). False when the node is unknown. */
  rename(nodeId: string, displayName: string): boolean {
    return (
      preparedStatement(this.db, 'UPDATE nodes_known SET display_name = ?, renamed = 1 WHERE node_id = ?').run(
        displayName,
        nodeId,
      ).changes > 0
    );
  }

  forget(nodeId: string): void {
    preparedStatement(this.db, 'DELETE FROM nodes_known WHERE node_id = ?').run(nodeId);
  }

  private view(
    id: string,
    row: KnownRow | undefined,
    device: PairedDevice | undefined,
    tokenPaired: boolean,
  ): NodeView {
    const live = this.live.get(id);
    const parse = <T>(text: string | undefined, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);
    return {
      nodeId: id,
      displayName:
        (row?.renamed ? row.display_name : undefined) ??
        live?.client.displayName ??
        row?.display_name ??
        device?.displayName ??
        undefined,
      platform: live?.client.platform ?? row?.platform ?? 'unknown',
      version: live?.client.version ?? row?.version ?? '',
      deviceFamily: live?.client.deviceFamily ?? row?.device_family ?? undefined,
      modelIdentifier: live?.client.modelIdentifier ?? row?.model_identifier ?? undefined,
      clientId: live?.client.id ?? row?.client_id ?? device?.clientId,
      caps: live?.caps ?? parse(row?.caps, []),
      commands: live?.commands ?? parse(row?.commands, []),
      permissions: live?.permissions ?? parse(row?.permissions, {}),
      connectedAtMs: live?.connectedAtMs,
      lastSeenAtMs: live ? Date.now() : (row?.last_disconnected_at ?? device?.lastSeenAtMs ?? undefined),
      remoteIp: live?.caller.ip ?? row?.remote_ip ?? undefined,
      paired: device !== undefined || tokenPaired,
      connected: live !== undefined,
    };
  }
}
