import { minutesOfDay } from './time-zone.js';

export interface ActiveHours {
  start: string;
  end: string;
  tz?: string;
}

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * Whether `nowMs` falls inside the window, in the window's time zone (the process's when none).
 * `start` ≤ t < `end`; a window whose end is before its start runs over midnight (22:00–06:00);
 * equal start and end mean the whole day.
 */
export function withinActiveHours(nowMs: number, hours: ActiveHours | undefined): boolean {
  if (!hours) return true;
  const start = minutes(hours.start);
  const end = minutes(hours.end);
  if (start === end) return true;
  const t = minutesOfDay(nowMs, hours.tz);
  return start < end ? t >= start && t < end : t >= start || t < end;
}
