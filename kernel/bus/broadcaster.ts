import type { CallerInfo } from '../../sdk/context.js';
import type { ClientConnection } from '../connection/client-connection.js';

export interface StateVersion {
  presence: number;
  health: number;
}

/**
 * Wire events. Broadcasts get a gateway-wide increasing `seq`; `presence` and `health` also
 * carry `stateVersion`. Each frame is serialized once whatever the number of clients.
 */
export class Broadcaster {
  private seq = 0;
  readonly stateVersion: StateVersion = { presence: 0, health: 0 };
  private readonly ready = new Map<string, ClientConnection>();
  private readonly declared = new Map<string, string>();
  /** Called after each broadcast (the `--verbose` console mirror of events). */
  onBroadcast?: (event: string, seq: number, delivered: number) => void;

  constructor(coreEvents: readonly string[]) {
    for (const e of coreEvents) this.declared.set(e, 'kernel');
  }

  declare(name: string, owner: string): void {
    this.declared.set(name, owner);
  }

  undeclareOwner(owner: string): void {
    for (const [name, o] of this.declared) if (o === owner) this.declared.delete(name);
  }

  eventNames(): string[] {
    return [...this.declared.keys()].sort();
  }

  add(conn: ClientConnection): void {
    this.ready.set(conn.id, conn);
  }

  remove(conn: ClientConnection): void {
    this.ready.delete(conn.id);
  }

  get(connId: string): ClientConnection | undefined {
    return this.ready.get(connId);
  }

  connections(): IterableIterator<ClientConnection> {
    return this.ready.values();
  }

  get size(): number {
    return this.ready.size;
  }

  bumpPresence(): void {
    this.stateVersion.presence++;
  }

  bumpHealth(): void {
    this.stateVersion.health++;
  }

  get currentSeq(): number {
    return this.seq;
  }

  broadcast(event: string, payload: unknown, filter?: (caller: CallerInfo) => boolean): number {
    const seq = ++this.seq;
    const frame: Record<string, unknown> = { type: 'event', event, payload, seq };
    if (event === 'presence' || event === 'health') frame.stateVersion = { ...this.stateVersion };
    const text = JSON.stringify(frame);
    let delivered = 0;
    for (const conn of this.ready.values()) {
      if (filter && (!conn.caller || !filter(conn.caller))) continue;
      if (conn.sendText(text)) delivered++;
    }
    this.onBroadcast?.(event, seq, delivered);
    return delivered;
  }

  sendTo(connId: string, event: string, payload: unknown): boolean {
    const conn = this.ready.get(connId);
    return conn ? conn.sendFrame({ type: 'event', event, payload }) : false;
  }
}
