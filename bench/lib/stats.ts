/** Order statistics over latency samples (nearest-rank percentiles). */

export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: ArrayLike<number>): number {
  return percentile(samples, 50);
}

export function p99(samples: ArrayLike<number>): number {
  return percentile(samples, 99);
}

export function max(samples: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < samples.length; i++) m = Math.max(m, samples[i]!);
  return samples.length === 0 ? Number.NaN : m;
}
