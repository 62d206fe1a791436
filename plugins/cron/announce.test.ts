import { describe, expect, it } from 'vitest';
import { announceRoute } from './announce.js';

const last = { channel: 'telegram', to: '42', accountId: 'default' };

describe('announceRoute', () => {
  it('"last" is the last chat, optionally another recipient on it', () => {
    expect(announceRoute({ mode: 'announce', channel: 'last' }, last)).toEqual({ route: last });
    expect(announceRoute({ mode: 'announce' }, last)).toEqual({ route: last });
    expect(announceRoute({ mode: 'announce', channel: 'last', to: '7' }, last)).toEqual({
      route: { ...last, to: '7' },
    });
    expect(announceRoute({ mode: 'announce', channel: 'last' }, undefined)).toEqual({
      error: expect.stringContaining('no last channel'),
    });
  });

  it('a channel id takes `to`, or that channel last chat', () => {
    expect(announceRoute({ mode: 'announce', channel: 'whatsapp', to: '+1555' }, last)).toEqual({
      route: { channel: 'whatsapp', to: '+1555' },
    });
    expect(announceRoute({ mode: 'announce', channel: 'telegram' }, last)).toEqual({ route: last });
    expect(announceRoute({ mode: 'announce', channel: 'whatsapp' }, last)).toEqual({
      error: expect.stringContaining('delivery.to is needed'),
    });
  });
});
