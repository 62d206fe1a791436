import { describe, expect, it } from 'vitest';
import { withinActiveHours } from './active-hours.js';

// 2027-01-15T07:30:00Z is 08:30 in Berlin (CET, UTC+1) and 02:30 in New York (EST, UTC-5).
const T = Date.parse('2027-01-15T07:30:00Z');

describe('withinActiveHours', () => {
  it('uses the window time zone', () => {
    expect(withinActiveHours(T, { start: '08:00', end: '23:00', tz: 'Europe/Berlin' })).toBe(true);
    expect(withinActiveHours(T, { start: '08:00', end: '23:00', tz: 'America/New_York' })).toBe(false);
    expect(withinActiveHours(T, { start: '08:31', end: '23:00', tz: 'Europe/Berlin' })).toBe(false);
  });

  it('end is exclusive; a window over midnight; equal bounds are the whole day', () => {
    expect(withinActiveHours(T, { start: '06:00', end: '08:30', tz: 'Europe/Berlin' })).toBe(false);
    expect(withinActiveHours(T, { start: '22:00', end: '03:00', tz: 'America/New_York' })).toBe(true);
    expect(withinActiveHours(T, { start: '22:00', end: '02:00', tz: 'America/New_York' })).toBe(false);
    expect(withinActiveHours(T, { start: '09:00', end: '09:00', tz: 'UTC' })).toBe(true);
    expect(withinActiveHours(T, { start: '00:00', end: '24:00', tz: 'UTC' })).toBe(true);
    expect(withinActiveHours(T, undefined)).toBe(true);
  });
});
