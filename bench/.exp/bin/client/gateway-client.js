import crypto from 'node:crypto';
import os from 'node:os';
import WebSocket from 'ws';
export class GatewayRequestError extends Error {
    method;
    error;
    constructor(method, error) {
        super(`${method}: ${error.code}: ${error.message}`);
        this.method = method;
        this.error = error;
        this.name = 'GatewayRequestError';
    }
}
export class GatewayConnectError extends Error {
    kind;
    error;
    closeCode;
    constructor(kind, message, error, closeCode) {
        super(message);
        this.kind = kind;
        this.error = error;
        this.closeCode = closeCode;
        this.name = 'GatewayConnectError';
    }
}
/**
 * A protocol client of the gateway (PROTOCOL.md): waits for `connect.challenge`, sends
 * `connect`, then correlates requests and responses by id. Used by the CLI and the tests.
 */
export class GatewayClient {
    options;
    hello;
    events = [];
    closeCode;
    closeReason;
    ws;
    nextId = 1;
    pending = new Map();
    listeners = new Set();
    closeWaiters = [];
    nonce;
    constructor(options) {
        this.options = options;
    }
    static async connect(options) {
        const c = new GatewayClient(options);
        await c.open();
        return c;
    }
    get socket() {
        return this.ws;
    }
    open() {
        const o = this.options;
        const timeoutMs = o.timeoutMs ?? 10_000;
        return new Promise((resolve, reject) => {
            let settled = false;
            const fail = (err) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                try {
                    this.ws?.terminate();
                }
                catch {
                    /* already gone */
                }
                reject(err);
            };
            const timer = setTimeout(() => fail(new GatewayConnectError('timeout', `no hello-ok from ${o.url} within ${timeoutMs} ms`)), timeoutMs);
            const ws = new WebSocket(o.url, { headers: o.headers, handshakeTimeout: timeoutMs });
            this.ws = ws;
            ws.on('unexpected-response', (_req, res) => {
                fail(new GatewayConnectError('refused', `gateway refused the WebSocket upgrade: HTTP ${res.statusCode}`));
            });
            ws.on('error', (err) => {
                const kind = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN'].includes(err.code ?? '') ? 'unreachable' : 'closed';
                fail(new GatewayConnectError(kind, kind === 'unreachable' ? `gateway not reachable at ${o.url} (${err.code})` : err.message));
            });
            ws.on('close', (code, reason) => {
                this.closeCode = code;
                this.closeReason = reason.toString();
                for (const p of this.pending.values()) {
                    if (p.timer)
                        clearTimeout(p.timer);
                    p.reject(new GatewayConnectError('closed', `connection closed (${code} ${this.closeReason}) before ${p.method} answered`, undefined, code));
                }
                this.pending.clear();
                for (const w of this.closeWaiters.splice(0))
                    w(code);
                fail(new GatewayConnectError('closed', `gateway closed the connection (${code} ${this.closeReason})`, undefined, code));
            });
            ws.on('message', (data) => {
                let frame;
                try {
                    frame = JSON.parse(data.toString());
                }
                catch {
                    return;
                }
                if (frame.type === 'event') {
                    if (frame.event === 'connect.challenge' && !settled && this.nonce === undefined) {
                        this.nonce = frame.payload?.nonce;
                        this.sendConnect();
                        return;
                    }
                    this.events.push(frame);
                    if (this.events.length > 5000)
                        this.events.splice(0, 1000);
                    for (const l of this.listeners)
                        l(frame);
                    return;
                }
                if (frame.type === 'res' && frame.id === 'connect') {
                    if (frame.ok) {
                        settled = true;
                        clearTimeout(timer);
                        this.hello = frame.payload;
                        resolve(frame.payload);
                    }
                    else {
                        const kind = frame.error?.code === 'UNAUTHORIZED' || frame.error?.code === 'RATE_LIMITED' ? 'auth' : 'refused';
                        fail(new GatewayConnectError(kind, `${frame.error?.code}: ${frame.error?.message}`, frame.error));
                    }
                    return;
                }
                if (frame.type === 'res')
                    this.settle(frame);
            });
        });
    }
    sendConnect() {
        const o = this.options;
        const auth = {};
        if (o.token)
            auth.token = o.token;
        if (o.password)
            auth.password = o.password;
        const params = {
            minProtocol: o.minProtocol ?? 3,
            maxProtocol: o.maxProtocol ?? 7,
            client: {
                id: o.clientId ?? 'cli',
                version: o.version ?? '0.0.0',
                platform: process.platform,
                mode: o.clientMode ?? 'cli',
                instanceId: o.instanceId ?? crypto.randomUUID(),
                ...(o.displayName ? { displayName: o.displayName } : { displayName: os.hostname() }),
            },
            role: o.role ?? 'operator',
            ...(o.scopes ? { scopes: o.scopes } : {}),
            auth,
            ...o.extra,
        };
        this.ws.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params }));
    }
    settle(frame) {
        const p = this.pending.get(frame.id);
        if (!p)
            return;
        if (frame.ok && p.onAccepted && !p.accepted && frame.payload?.status === 'accepted') {
            p.accepted = true;
            p.onAccepted(frame.payload);
            return;
        }
        this.pending.delete(frame.id);
        if (p.timer)
            clearTimeout(p.timer);
        if (frame.ok)
            p.resolve(frame.payload);
        else
            p.reject(new GatewayRequestError(p.method, frame.error ?? { code: 'INTERNAL', message: 'no error given' }));
    }
    /** Send a request; resolves with the final payload. `onAccepted` sees an early `{status:"accepted"}` ack. */
    request(method, params, opts = {}) {
        const id = String(this.nextId++);
        return new Promise((resolve, reject) => {
            const p = { method, resolve, reject, onAccepted: opts.onAccepted, accepted: false };
            if (opts.timeoutMs) {
                p.timer = setTimeout(() => {
                    this.pending.delete(id);
                    reject(new GatewayConnectError('timeout', `${method}: no response within ${opts.timeoutMs} ms`));
                }, opts.timeoutMs);
            }
            this.pending.set(id, p);
            this.ws.send(JSON.stringify({ type: 'req', id, method, ...(params === undefined ? {} : { params }) }));
        });
    }
    onEvent(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /** The first event (already received or future) matching the predicate. */
    waitForEvent(predicate, timeoutMs = 5000) {
        const seen = this.events.find(predicate);
        if (seen)
            return Promise.resolve(seen);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                off();
                reject(new Error(`no matching event within ${timeoutMs} ms`));
            }, timeoutMs);
            const off = this.onEvent((e) => {
                if (predicate(e)) {
                    clearTimeout(timer);
                    off();
                    resolve(e);
                }
            });
        });
    }
    waitForClose(timeoutMs = 5000) {
        if (this.closeCode !== undefined)
            return Promise.resolve(this.closeCode);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`connection still open after ${timeoutMs} ms`)), timeoutMs);
            this.closeWaiters.push((code) => {
                clearTimeout(timer);
                resolve(code);
            });
        });
    }
    close() {
        try {
            this.ws?.close(1000);
        }
        catch {
            /* closed */
        }
    }
}
//# sourceMappingURL=gateway-client.js.map