import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import type { CallerInfo } from '../../sdk/context.js';
import type { ConnectedClient } from '../../sdk/devices.js';
import type { TailscaleIdentity } from '../auth/tailscale-identity.js';
import { CloseCode } from '../protocol/frames.js';
import { type PreparedFrame, rawSocketOf } from './prepared-frame.js';

export interface PeerInfo {
  ip: string;
  isLoopback: boolean;
  /** The upgrade's Host and Origin (the handshake reads no other header). */
  headers: IncomingHttpHeaders;
  origin?: string;
  /** Tailscale Serve identity, confirmed by tailscaled before the upgrade. */
  tailscale?: TailscaleIdentity;
}

export type ConnectionState = 'handshake' | 'ready' | 'closed';

/**
 * One WebSocket client. Owns the send path: every frame goes through `sendText`, which enforces
 * the slow-consumer limit (close 1013 and drop the buffer) before queueing more.
 */
export class ClientConnection {
  readonly id = crypto.randomUUID();
  readonly nonce = crypto.randomBytes(16).toString('base64url');
  readonly connectedAt = Date.now();
  state: ConnectionState = 'handshake';
  caller?: CallerInfo;
  /** What the client declared in its accepted connect (`ctx.connections`). */
  client?: ConnectedClient;
  presenceKey?: string;
  /** Aborted when the socket goes away: in-flight handlers see it. */
  readonly closed = new AbortController();
  private killTimer?: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    readonly peer: PeerInfo,
    private readonly maxBufferedBytes: number,
    private readonly onSlowConsumer: (conn: ClientConnection, buffered: number) => void,
  ) {}

  /** Queue a serialized frame. False when the connection is gone or was just cut as a slow consumer. */
  sendText(text: string): boolean {
    if (!this.roomFor(text.length)) return false;
    corkForTick(this);
    this.socket.send(text);
    return true;
  }

  /**
   * Queue a frame built once for many connections (a broadcast): its bytes go to the socket as
   * they are. Corked like replies: a turn's events (lifecycle, chat, cron, …) that fire in one
   * tick leave in one `writev`.
   */
  sendPrepared(frame: PreparedFrame): boolean {
    if (!this.roomFor(frame.bytes.length)) return false;
    const raw = rawSocketOf(this.socket);
    if (raw) {
      corkForTick(this);
      raw.write(frame.bytes);
    } else this.socket.send(frame.text);
    return true;
  }

  sendFrame(frame: unknown): boolean {
    return this.sendText(JSON.stringify(frame));
  }

  /** Close with a code, and make sure the TCP socket is gone soon even if the peer never reads. */
  close(code: number, reason: string, graceMs = 2000): void {
    if (this.state === 'closed') return;
    this.markClosed();
    try {
      this.socket.close(code, reason.slice(0, 120));
    } catch {
      this.socket.terminate();
    }
    this.killTimer = setTimeout(() => this.socket.terminate(), graceMs);
    this.killTimer.unref();
  }

  /** Open, and `bytes` more stay under the slow-consumer limit (else the connection is cut now). */
  private roomFor(bytes: number): boolean {
    if (this.state === 'closed' || this.socket.readyState !== this.socket.OPEN) return false;
    const buffered = this.socket.bufferedAmount;
    if (buffered + bytes > this.maxBufferedBytes) {
      this.onSlowConsumer(this, buffered);
      this.closeSlowConsumer();
      return false;
    }
    return true;
  }

  /** Set while this connection's socket is corked until the end of the tick (see corkForTick). */
  corked = false;

  markClosed(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closed.abort();
  }

  dispose(): void {
    this.markClosed();
    if (this.killTimer) clearTimeout(this.killTimer);
  }

  /**
   * A slow consumer is told 1013, and its queued frames are dropped soon: the
   * underlying socket is destroyed after a one-second grace (time for a reader to see the 1013) so the memory is freed.
   */
  private closeSlowConsumer(): void {
    this.close(CloseCode.tryAgainLater, 'slow consumer: send buffer exceeded maxBufferedBytes', 1000);
  }
}

/** Connections corked in the current tick, uncorked together when its synchronous work is done. */
const corkedThisTick: ClientConnection[] = [];

function uncorkAll(): void {
  for (const conn of corkedThisTick) {
    conn.corked = false;
    rawSocketOf(conn.socket)?.uncork();
  }
  corkedThisTick.length = 0;
}

/**
 * Cork a connection's socket until the end of the tick: answers to pipelined requests (32 in one
 * TCP read) and the events around them leave in one `writev` instead of one syscall per frame.
 * `ws` corks and uncorks around each frame itself; its uncork leaves ours in place.
 */
function corkForTick(conn: ClientConnection): void {
  if (conn.corked) return;
  const raw = rawSocketOf(conn.socket);
  if (!raw) return;
  raw.cork();
  conn.corked = true;
  if (corkedThisTick.push(conn) === 1) process.nextTick(uncorkAll);
}
