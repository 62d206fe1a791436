import WebSocket from 'ws';
export interface GatewayClientOptions {
    url: string;
    token?: string;
    password?: string;
    clientId?: string;
    clientMode?: string;
    version?: string;
    role?: 'operator' | 'node';
    scopes?: string[];
    instanceId?: string;
    displayName?: string;
    /** Connect + handshake must finish within this (default 10 s). */
    timeoutMs?: number;
    /** Extra connect params (device, caps, commands…). */
    extra?: Record<string, unknown>;
    headers?: Record<string, string>;
    minProtocol?: number;
    maxProtocol?: number;
}
export interface EventFrame {
    type: 'event';
    event: string;
    payload?: any;
    seq?: number;
    stateVersion?: {
        presence: number;
        health: number;
    };
}
export interface ErrorShape {
    code: string;
    message: string;
    details?: any;
    retryable?: boolean;
    retryAfterMs?: number;
}
/** Why a connection attempt failed, so a CLI can print a distinct message for each. */
export type ConnectFailureKind = 'unreachable' | 'timeout' | 'auth' | 'refused' | 'closed';
export declare class GatewayRequestError extends Error {
    readonly method: string;
    readonly error: ErrorShape;
    constructor(method: string, error: ErrorShape);
}
export declare class GatewayConnectError extends Error {
    readonly kind: ConnectFailureKind;
    readonly error?: ErrorShape | undefined;
    readonly closeCode?: number | undefined;
    constructor(kind: ConnectFailureKind, message: string, error?: ErrorShape | undefined, closeCode?: number | undefined);
}
/**
 * A protocol client of the gateway (PROTOCOL.md): waits for `connect.challenge`, sends
 * `connect`, then correlates requests and responses by id. Used by the CLI and the tests.
 */
export declare class GatewayClient {
    readonly options: GatewayClientOptions;
    hello: any;
    readonly events: EventFrame[];
    closeCode?: number;
    closeReason?: string;
    private ws?;
    private nextId;
    private readonly pending;
    private readonly listeners;
    private readonly closeWaiters;
    nonce?: string;
    constructor(options: GatewayClientOptions);
    static connect(options: GatewayClientOptions): Promise<GatewayClient>;
    get socket(): WebSocket;
    open(): Promise<any>;
    private sendConnect;
    private settle;
    /** Send a request; resolves with the final payload. `onAccepted` sees an early `{status:"accepted"}` ack. */
    request<T = any>(method: string, params?: unknown, opts?: {
        timeoutMs?: number;
        onAccepted?: (payload: any) => void;
    }): Promise<T>;
    onEvent(listener: (e: EventFrame) => void): () => void;
    /** The first event (already received or future) matching the predicate. */
    waitForEvent(predicate: (e: EventFrame) => boolean, timeoutMs?: number): Promise<EventFrame>;
    waitForClose(timeoutMs?: number): Promise<number>;
    close(): void;
}
