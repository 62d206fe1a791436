import { describe, expect, it } from 'vitest';
import { nextSlotAfter, parseAt, slotsBetween } from './schedule.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const T = (s: string) => Date.parse(s);

describe('parseAt', () => {
  it('reads ISO 8601 instants; no offset means UTC', () => {
    expect(iso(parseAt('2026-12-24T18:00:00Z'))).toBe('2026-12-24T18:00:00.000Z');
    expect(iso(parseAt('2026-12-24T18:00:00+01:00'))).toBe('2026-12-24T17:00:00.000Z');
    expect(iso(parseAt('2026-12-24T18:00'))).toBe('2026-12-24T18:00:00.000Z');
    expect(iso(parseAt('2026-12-24 18:00:00.250-0530'))).toBe('2026-12-24T23:30:00.250Z');
    expect(iso(parseAt('2026-12-24'))).toBe('2026-12-24T00:00:00.000Z');
  });

  it('refuses what is not an instant', () => {
    for (const bad of ['tomorrow', '2026-02-30T10:00:00Z', '2026-12-24T25:00:00Z', '1735000000000', ''])
      expect(parseAt(bad)).toBeNaN();
  });
});

describe('nextSlotAfter', () => {
  it('every: slots on the anchor grid, strictly after the given time', () => {
    const s = { kind: 'every' as const, everyMs: 10_000, anchorMs: T('2027-01-01T00:00:00Z') };
    expect(iso(nextSlotAfter(s, T('2026-12-31T23:00:00Z'), 0))).toBe('2027-01-01T00:00:00.000Z');
    expect(iso(nextSlotAfter(s, T('2027-01-01T00:00:00Z'), 0))).toBe('2027-01-01T00:00:10.000Z');
    expect(iso(nextSlotAfter(s, T('2027-01-01T00:00:25Z'), 0))).toBe('2027-01-01T00:00:30.000Z');
    // Without an anchor the grid starts at creation: the first run is one period later.
    expect(nextSlotAfter({ kind: 'every', everyMs: 60_000 }, 1_000, 1_000)).toBe(61_000);
  });

  it('at: once, then never', () => {
    const s = { kind: 'at' as const, at: '2027-01-01T09:00:00Z' };
    expect(iso(nextSlotAfter(s, T('2027-01-01T08:59:59Z'), 0))).toBe('2027-01-01T09:00:00.000Z');
    expect(nextSlotAfter(s, T('2027-01-01T09:00:00Z'), 0)).toBeUndefined();
  });

  it('cron: time zones and a spring-forward day (Europe/Berlin, 2027-03-28)', () => {
    const daily = (expr: string) => ({ kind: 'cron' as const, expr, tz: 'Europe/Berlin' });
    // 09:00 local is 08:00Z in winter (CET) and 07:00Z from the DST change on.
    const nine = daily('0 9 * * *');
    expect(iso(nextSlotAfter(nine, T('2027-03-27T00:00:00Z'), 0))).toBe('2027-03-27T08:00:00.000Z');
    expect(iso(nextSlotAfter(nine, T('2027-03-27T08:00:00Z'), 0))).toBe('2027-03-28T07:00:00.000Z');
    // 02:30 does not exist that day; croner runs it at 03:00 CEST (01:00Z), then normally.
    const early = daily('30 2 * * *');
    expect(iso(nextSlotAfter(early, T('2027-03-27T02:00:00Z'), 0))).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(nextSlotAfter(early, T('2027-03-28T01:00:00Z'), 0))).toBe('2027-03-29T00:30:00.000Z');
    // Fall back (2027-10-31): 02:30 happens twice; it runs once, at the first one (CEST).
    expect(iso(nextSlotAfter(early, T('2027-10-30T12:00:00Z'), 0))).toBe('2027-10-31T00:30:00.000Z');
    expect(iso(nextSlotAfter(early, T('2027-10-31T00:30:00Z'), 0))).toBe('2027-11-01T01:30:00.000Z');
  });

  it('cron: six fields run on seconds', () => {
    const s = { kind: 'cron' as const, expr: '*/5 * * * * *' };
    expect(iso(nextSlotAfter(s, T('2027-01-01T00:00:05Z'), 0))).toBe('2027-01-01T00:00:10.000Z');
  });
});

describe('slotsBetween', () => {
  it('counts the slots a downtime left out', () => {
    const every = { kind: 'every' as const, everyMs: 1000, anchorMs: 0 };
    expect(slotsBetween(every, 1000, 4000, 0)).toBe(3);
    expect(slotsBetween(every, 1000, 1999, 0)).toBe(0);
    expect(
      slotsBetween(
        { kind: 'cron', expr: '0 * * * *', tz: 'UTC' },
        T('2027-01-01T00:00:00Z'),
        T('2027-01-01T05:30:00Z'),
        0,
      ),
    ).toBe(5);
    expect(
      slotsBetween({ kind: 'at', at: '2027-01-01T01:00:00Z' }, T('2027-01-01T00:00:00Z'), T('2027-01-02T00:00:00Z'), 0),
    ).toBe(1);
  });
});
