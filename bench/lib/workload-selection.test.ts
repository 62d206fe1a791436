import { describe, expect, it } from 'vitest';
import { selectWorkloads, UnknownWorkloadError } from './workload-selection.js';

const all = [
  { file: '01-cold-start.js', name: 'cold-start' },
  { file: '02-handshake.js', name: 'handshake' },
  { file: '11-cron-burst.js', name: 'cron-burst' },
];

describe('--only', () => {
  it('selects by name, number or file prefix, in file order; everything without --only', () => {
    expect(selectWorkloads(all, 'cron-burst,1').map((w) => w.name)).toEqual(['cold-start', 'cron-burst']);
    expect(selectWorkloads(all, '02').map((w) => w.name)).toEqual(['handshake']);
    expect(selectWorkloads(all, undefined)).toHaveLength(3);
  });

  it('refuses an unknown name and lists the valid ones', () => {
    expect(() => selectWorkloads(all, 'cold')).toThrow(UnknownWorkloadError);
    expect(() => selectWorkloads(all, 'handshake,cold,7')).toThrow(
      'unknown workloads "cold", "7" in --only; valid: 1 cold-start, 2 handshake, 11 cron-burst',
    );
    expect(() => selectWorkloads(all, ',')).toThrow(UnknownWorkloadError);
  });
});
