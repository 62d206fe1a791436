import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import type { CallerInfo } from '../../sdk/context.js';
export interface PeerInfo {
    ip: string;
    isLoopback: boolean;
    headers: IncomingHttpHeaders;
    origin?: string;
}
export type ConnectionState = 'handshake' | 'ready' | 'closed';
/**
 * One WebSocket client. Owns the send path: every frame goes through `sendText`, which enforces
 * the slow-consumer limit (close 1013 and drop the buffer) before queueing more.
 */
export declare class ClientConnection {
    readonly socket: WebSocket;
    readonly peer: PeerInfo;
    private readonly maxBufferedBytes;
    private readonly onSlowConsumer;
    readonly id: `${string}-${string}-${string}-${string}-${string}`;
    readonly nonce: string;
    readonly connectedAt: number;
    state: ConnectionState;
    caller?: CallerInfo;
    presenceKey?: string;
    /** Aborted when the socket goes away: in-flight handlers see it. */
    readonly closed: AbortController;
    private killTimer?;
    constructor(socket: WebSocket, peer: PeerInfo, maxBufferedBytes: number, onSlowConsumer: (conn: ClientConnection, buffered: number) => void);
    /** Queue a serialized frame. False when the connection is gone or was just cut as a slow consumer. */
    sendText(text: string): boolean;
    sendFrame(frame: unknown): boolean;
    /** Close with a code, and make sure the TCP socket is gone soon even if the peer never reads. */
    close(code: number, reason: string, graceMs?: number): void;
    markClosed(): void;
    dispose(): void;
    /**
     * A slow consumer is told 1013, and its queued frames are dropped soon: the
     * underlying socket is destroyed after a one-second grace (time for a reader to see the 1013) so the memory is freed.
     */
    private closeSlowConsumer;
}
