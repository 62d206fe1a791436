import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import * as wsModule from 'ws';

/** `ws`'s frame builder (exported by the package, absent from its type declarations). */
const { Sender } = wsModule as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

/**
 * A WebSocket text frame built once (header and UTF-8 payload in one buffer) and written as is
 * to every socket of a broadcast: 5,000 clients cost one serialization, one encoding and one
 * frame instead of 5,000 of each. Server frames are not masked, so the same bytes are valid
 * on every connection.
 */
export interface PreparedFrame {
  readonly bytes: Buffer;
  /** The frame's text, for a socket that cannot take raw bytes (see `rawSocketOf`). */
  readonly text: string;
}

export function prepareTextFrame(text: string): PreparedFrame {
  const [head, payload] = Sender.frame(Buffer.from(text), {
    fin: true,
    opcode: 1,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return { bytes: payload ? Buffer.concat([head!, payload]) : head!, text };
}

/** What `ws` keeps per socket that a raw write depends on (not part of its typed API). */
interface WsInternals {
  _socket?: Socket;
  _sender?: { _state?: number; _bufferedBytes?: number };
}

/**
 * The TCP socket under `ws`, when writing bytes to it directly keeps the stream valid: `ws`'s
 * sender is idle (state 0: not compressing, not reading a Blob, nothing queued). The gateway
 * turns compression off (kernel/server.ts), so this holds except in the middle of a close.
 */
export function rawSocketOf(ws: WebSocket): Socket | undefined {
  const internals = ws as unknown as WsInternals;
  const sender = internals._sender;
  if (sender?._state !== 0 || sender._bufferedBytes !== 0) return undefined;
  return internals._socket;
}
