import { readdirSync } from 'node:fs';
import { readRssKb } from '../lib/rss.js';

export interface SoakSample {
  /** Seconds since the soak started. */
  t: number;
  phase: string;
  rssMb: number;
  fds: number;
}

/** Open file descriptors of a process (Linux: /proc/<pid>/fd). */
export function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return Number.NaN;
  }
}

/** Samples RSS and open fds of `pid` every `everyMs` until stopped. */
export class SoakSampler {
  readonly samples: SoakSample[] = [];
  private timer?: NodeJS.Timeout;
  phase = 'start';

  constructor(
    private readonly pid: number,
    private readonly startedAt: number,
    private readonly everyMs = 5000,
  ) {}

  start(): void {
    this.take();
    this.timer = setInterval(() => this.take(), this.everyMs);
  }

  take(): void {
    try {
      this.samples.push({
        t: (Date.now() - this.startedAt) / 1000,
        phase: this.phase,
        rssMb: readRssKb(this.pid) / 1024,
        fds: openFds(this.pid),
      });
    } catch {
      /* the process is gone: the run reports it */
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.take();
  }
}

/**
 * Flat or not: the median of the last fifth of the samples against the median of the second
 * fifth (after warm-up). RSS may grow by `rssSlackPct`, fds by `fdSlack`.
 */
export function flatness(
  samples: readonly SoakSample[],
  key: 'rssMb' | 'fds',
): { early: number; late: number; growth: number } {
  const n = samples.length;
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
  };
  const early = med(samples.slice(Math.floor(n / 5), Math.floor((2 * n) / 5)).map((s) => s[key]));
  const late = med(samples.slice(Math.floor((4 * n) / 5)).map((s) => s[key]));
  return { early, late, growth: late - early };
}
