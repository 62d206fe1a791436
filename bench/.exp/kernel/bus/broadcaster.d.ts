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
export declare class Broadcaster {
    private seq;
    readonly stateVersion: StateVersion;
    private readonly ready;
    private readonly declared;
    /** Called after each broadcast (the `--verbose` console mirror of events). */
    onBroadcast?: (event: string, seq: number, delivered: number) => void;
    constructor(coreEvents: readonly string[]);
    declare(name: string, owner: string): void;
    undeclareOwner(owner: string): void;
    eventNames(): string[];
    add(conn: ClientConnection): void;
    remove(conn: ClientConnection): void;
    get(connId: string): ClientConnection | undefined;
    connections(): IterableIterator<ClientConnection>;
    get size(): number;
    bumpPresence(): void;
    bumpHealth(): void;
    get currentSeq(): number;
    broadcast(event: string, payload: unknown, filter?: (caller: CallerInfo) => boolean): number;
    sendTo(connId: string, event: string, payload: unknown): boolean;
}
