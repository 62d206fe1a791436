import { describe, expect, it } from 'vitest';
import { splitReplyMedia } from './reply-media.js';

describe('splitReplyMedia', () => {
  const resolve = (ref: string) => (ref.includes('secret') ? undefined : ref.startsWith('/') ? ref : `/ws/${ref}`);

  it('takes MEDIA: lines out as attachments, relative paths resolved', () => {
    expect(splitReplyMedia('Here is the chart.\nMEDIA: charts/q3.png\n\nMEDIA:/tmp/a.pdf', resolve)).toEqual({
      text: 'Here is the chart.',
      mediaUrls: ['/ws/charts/q3.png', '/tmp/a.pdf'],
    });
  });

  it('keeps lines that may not be sent, and text without media as it is', () => {
    expect(splitReplyMedia('MEDIA: /etc/secret', resolve)).toEqual({ text: 'MEDIA: /etc/secret', mediaUrls: [] });
    expect(splitReplyMedia('talk about MEDIA: in a sentence', resolve).mediaUrls).toEqual([]);
    expect(splitReplyMedia('  plain  ', resolve)).toEqual({ text: '  plain  ', mediaUrls: [] });
  });
});
