/** The token an agent answers when a heartbeat finds nothing to do. */
export const HEARTBEAT_TOKEN = 'HEARTBEAT_OK';

export type HeartbeatReply =
  /** Nothing was said. */
  | { kind: 'ok-empty' }
  /** HEARTBEAT_OK, maybe with a short remark (at most `ackMaxChars`): not delivered. */
  | { kind: 'ok-token' }
  /** Something for the user (HEARTBEAT_OK removed from its edges). */
  | { kind: 'alert'; text: string };

/** HEARTBEAT_OK at the start or end, bare or in Markdown emphasis/code, with trailing punctuation. */
const EDGE_TOKEN = new RegExp(
  `^[\\s*_\`~]*${HEARTBEAT_TOKEN}[\\s*_\`~.!]*|[\\s*_\`~]*${HEARTBEAT_TOKEN}[\\s*_\`~.!]*$`,
  'g',
);

/** How a heartbeat turn's final text is treated: delivered, or swallowed as an acknowledgement. */
export function readHeartbeatReply(raw: string, ackMaxChars: number): HeartbeatReply {
  const text = raw.trim();
  if (text === '') return { kind: 'ok-empty' };
  const stripped = text.replace(EDGE_TOKEN, '').trim();
  if (stripped === text) return { kind: 'alert', text };
  if (stripped.length <= ackMaxChars) return { kind: 'ok-token' };
  return { kind: 'alert', text: stripped };
}
