import { describe, expect, it } from 'vitest';
import { readHeartbeatReply } from './heartbeat-reply.js';

describe('readHeartbeatReply', () => {
  it('swallows a bare HEARTBEAT_OK, in Markdown too', () => {
    for (const raw of ['HEARTBEAT_OK', '  HEARTBEAT_OK.\n', '**HEARTBEAT_OK**', '`HEARTBEAT_OK`'])
      expect(readHeartbeatReply(raw, 300)).toEqual({ kind: 'ok-token' });
  });

  it('swallows a short remark beside the token, up to ackMaxChars', () => {
    expect(readHeartbeatReply('All quiet. HEARTBEAT_OK', 300)).toEqual({ kind: 'ok-token' });
    expect(readHeartbeatReply('All quiet. HEARTBEAT_OK', 5)).toEqual({ kind: 'alert', text: 'All quiet.' });
    expect(readHeartbeatReply('HEARTBEAT_OK', 0)).toEqual({ kind: 'ok-token' });
  });

  it('delivers anything else as it is', () => {
    expect(readHeartbeatReply('Your flight leaves in 2 hours.', 300)).toEqual({
      kind: 'alert',
      text: 'Your flight leaves in 2 hours.',
    });
    // The token in the middle of a sentence is not an acknowledgement.
    expect(readHeartbeatReply('Say HEARTBEAT_OK when done', 300).kind).toBe('alert');
  });

  it('reports an empty reply', () => {
    expect(readHeartbeatReply('  \n', 300)).toEqual({ kind: 'ok-empty' });
  });
});
