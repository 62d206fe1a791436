import { afterEach, describe, expect, it, vi } from 'vitest';
import { Broadcaster } from './broadcaster.js';
import { PresenceTable } from './presence.js';
import { PresenceAnnouncer } from './presence-announcer.js';

describe('PresenceTable', () => {
  it('one row per key; the row leaves with its last connection; the gateway row comes first', () => {
    const t = new PresenceTable('1.0.0');
    expect(t.join('inst-1', 'c1', { ts: 1, mode: 'cli' })).toBe(true);
    expect(t.join('inst-1', 'c2', { ts: 2, mode: 'cli' })).toBe(false);
    expect(t.size).toBe(1);
    expect(t.list()[0]!.mode).toBe('gateway');
    expect(t.leave('inst-1', 'c1')).toBe(false);
    expect(t.size).toBe(1);
    expect(t.leave('inst-1', 'c2')).toBe(true);
    expect(t.size).toBe(0);
    expect(t.leave('inst-1', 'c2')).toBe(false);
  });

  it('update patches a row and refreshes ts; unknown keys are ignored', () => {
    const t = new PresenceTable('1.0.0');
    t.join('k', 'c', { ts: 1 });
    expect(t.update('k', { text: 'hi' })).toBe(true);
    expect(t.list()[1]).toMatchObject({ text: 'hi' });
    expect(t.list()[1]!.ts).toBeGreaterThan(1);
    expect(t.update('nope', { text: 'x' })).toBe(false);
  });
});

describe('PresenceAnnouncer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(windowMs = 1000) {
    const b = new Broadcaster(['presence']);
    const sent: Array<{ event: string; seq: number }> = [];
    b.onBroadcast = (event, seq) => sent.push({ event, seq });
    const table = new PresenceTable('1.0.0');
    return { b, sent, table, a: new PresenceAnnouncer(b, table, windowMs) };
  }

  it('the first change goes out at once; changes within the window coalesce into one trailing event', () => {
    vi.useFakeTimers();
    const { b, sent, a } = setup();
    a.changed();
    expect(sent).toHaveLength(1);
    a.changed();
    a.changed();
    expect(sent).toHaveLength(1);
    expect(b.stateVersion.presence).toBe(3);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    a.dispose();
  });

  it('dispose cancels a pending trailing event', () => {
    vi.useFakeTimers();
    const { sent, a } = setup();
    a.changed();
    a.changed();
    a.dispose();
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
  });
});
