import type { CallerInfo } from '../../sdk/context.js';
import type { ClientConnection } from '../connection/client-connection.js';
import { prepareTextFrame } from '../connection/prepared-frame.js';
import { ActivityClock } from './turn-memo.js';

/**
 * A broadcast without a filter reaches nodes only when it is one of these: a node is a
 * capability host, not an operator, and has no business reading chats, agent runs or config.
 * A plugin that means to reach nodes passes a filter that says so.
 */
const NODE_BROADCASTS = new Set(['tick', 'shutdown']);

export interface StateVersion {
  presence: number;
  health: number;
}

/**
 * Wire events. Broadcasts get a gateway-wide increasing `seq`; `presence` and `health` also
 * carry `stateVersion`. Each frame is serialized, encoded and framed once whatever the number of
 * clients, and the same bytes are written to every socket.
 */
export class Broadcaster {
  private seq = 0;
  readonly stateVersion: StateVersion = { presence: 0, health: 0 };
  private readonly ready = new Map<string, ClientConnection>();
  /** Declared event name → who declares it (`kernel` for the core events); names may be shared. */
  private readonly declared = new Map<string, Set<string>>();
  /** Called after each broadcast (the `--verbose` console mirror of events). */
  onBroadcast?: (event: string, seq: number, delivered: number) => void;

  /** Moved on by every connection change and every event sent (see TurnMemo). */
  readonly activity = new ActivityClock();

  constructor(coreEvents: readonly string[]) {
    for (const e of coreEvents) this.declared.set(e, new Set(['kernel']));
  }

  /** Make `names` the whole set `owner` declares; a name stays listed while anyone declares it. */
  replaceOwner(owner: string, names: Iterable<string>): void {
    for (const [name, owners] of this.declared) {
      owners.delete(owner);
      if (owners.size === 0) this.declared.delete(name);
    }
    for (const name of names) {
      let owners = this.declared.get(name);
      if (!owners) this.declared.set(name, (owners = new Set()));
      owners.add(owner);
    }
  }

  /** The event names `owner` declares. */
  namesOf(owner: string): string[] {
    return [...this.declared].filter(([, owners]) => owners.has(owner)).map(([name]) => name);
  }

  eventNames(): string[] {
    return [...this.declared.keys()].sort();
  }

  add(conn: ClientConnection): void {
    this.ready.set(conn.id, conn);
    this.activity.tick();
  }

  remove(conn: ClientConnection): void {
    this.ready.delete(conn.id);
    this.activity.tick();
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
    this.activity.tick();
    const frame: Record<string, unknown> = { type: 'event', event, payload, seq };
    if (event === 'presence' || event === 'health') frame.stateVersion = { ...this.stateVersion };
    let prepared: ReturnType<typeof prepareTextFrame> | undefined;
    let delivered = 0;
    for (const conn of this.ready.values()) {
      if (filter ? !conn.caller || !filter(conn.caller) : conn.caller?.role === 'node' && !NODE_BROADCASTS.has(event))
        continue;
      prepared ??= prepareTextFrame(JSON.stringify(frame));
      if (conn.sendPrepared(prepared)) delivered++;
    }
    this.onBroadcast?.(event, seq, delivered);
    return delivered;
  }

  sendTo(connId: string, event: string, payload: unknown): boolean {
    const conn = this.ready.get(connId);
    this.activity.tick();
    return conn ? conn.sendFrame({ type: 'event', event, payload }) : false;
  }
}
