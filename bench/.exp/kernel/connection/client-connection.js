import crypto from 'node:crypto';
import { CloseCode } from '../protocol/frames.js';
/**
 * One WebSocket client. Owns the send path: every frame goes through `sendText`, which enforces
 * the slow-consumer limit (close 1013 and drop the buffer) before queueing more.
 */
export class ClientConnection {
    socket;
    peer;
    maxBufferedBytes;
    onSlowConsumer;
    id = crypto.randomUUID();
    nonce = crypto.randomBytes(16).toString('base64url');
    connectedAt = Date.now();
    state = 'handshake';
    caller;
    presenceKey;
    /** Aborted when the socket goes away: in-flight handlers see it. */
    closed = new AbortController();
    killTimer;
    constructor(socket, peer, maxBufferedBytes, onSlowConsumer) {
        this.socket = socket;
        this.peer = peer;
        this.maxBufferedBytes = maxBufferedBytes;
        this.onSlowConsumer = onSlowConsumer;
    }
    /** Queue a serialized frame. False when the connection is gone or was just cut as a slow consumer. */
    sendText(text) {
        if (this.state === 'closed' || this.socket.readyState !== this.socket.OPEN)
            return false;
        const buffered = this.socket.bufferedAmount;
        if (buffered + text.length > this.maxBufferedBytes) {
            this.onSlowConsumer(this, buffered);
            this.closeSlowConsumer();
            return false;
        }
        this.socket.send(text);
        return true;
    }
    sendFrame(frame) {
        return this.sendText(JSON.stringify(frame));
    }
    /** Close with a code, and make sure the TCP socket is gone soon even if the peer never reads. */
    close(code, reason, graceMs = 2000) {
        if (this.state === 'closed')
            return;
        this.markClosed();
        try {
            this.socket.close(code, reason.slice(0, 120));
        }
        catch {
            this.socket.terminate();
        }
        this.killTimer = setTimeout(() => this.socket.terminate(), graceMs);
        this.killTimer.unref();
    }
    markClosed() {
        if (this.state === 'closed')
            return;
        this.state = 'closed';
        this.closed.abort();
    }
    dispose() {
        this.markClosed();
        if (this.killTimer)
            clearTimeout(this.killTimer);
    }
    /**
     * A slow consumer is told 1013, and its queued frames are dropped soon: the
     * underlying socket is destroyed after a one-second grace (time for a reader to see the 1013) so the memory is freed.
     */
    closeSlowConsumer() {
        this.close(CloseCode.tryAgainLater, 'slow consumer: send buffer exceeded maxBufferedBytes', 1000);
    }
}
//# sourceMappingURL=client-connection.js.map