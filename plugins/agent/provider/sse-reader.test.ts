import { describe, expect, it } from 'vitest';
import { readSse } from './sse-reader.js';

function bodyOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(ctl) {
      for (const c of chunks) ctl.enqueue(enc.encode(c));
      ctl.close();
    },
  });
}

async function all(chunks: string[]) {
  const out = [];
  for await (const ev of readSse(bodyOf(chunks))) out.push(ev);
  return out;
}

describe('readSse', () => {
  it('splits events across arbitrary chunk boundaries, CRLF included', async () => {
    expect(await all(['data: {"a"', ':1}\n\nevent: ping\r\ndata: x\r\n', '\r\n: comment\n\ndata: [DONE]\n\n'])).toEqual(
      [
        { event: undefined, data: '{"a":1}' },
        { event: 'ping', data: 'x' },
        { event: undefined, data: '[DONE]' },
      ],
    );
  });

  it('joins multi-line data and flushes a last event without a blank line', async () => {
    expect(await all(['data: one\ndata: two\n\ndata:tail'])).toEqual([
      { event: undefined, data: 'one\ntwo' },
      { event: undefined, data: 'tail' },
    ]);
  });
});
