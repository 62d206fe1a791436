/**
 * Keeps the bench scripts from rotting: runs `node dist/bench/run.js --quick` on two cheap
 * workloads against the real gateway (built by `npm test`'s build step) and checks the table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUN = path.join(ROOT, 'dist', 'bench', 'run.js');

interface Row {
  workload: string;
  metric: string;
  gateway: string;
  baseline: string;
  verdict: string;
}

function tableRows(stdout: string): Row[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| workload'))
    .map((line) => {
      const cells = line
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim());
      return { workload: cells[0]!, metric: cells[1]!, gateway: cells[2]!, baseline: cells[3]!, verdict: cells[6]! };
    });
}

describe('npm run bench -- --quick', () => {
  it('prints a table with gateway and baseline numbers for handshake and hot reload', () => {
    expect(existsSync(RUN), `${RUN} is missing: run npm run build first`).toBe(true);
    const result = spawnSync(process.execPath, [RUN, '--quick', '--only', 'handshake,hot-reload'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, BENCH_CLIENT_THREADS: '1' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^## Moltbot Gateway bench \(quick\)/m);
    const rows = tableRows(result.stdout);

    const handshake = rows.find((r) => r.workload === 'Handshake' && r.metric.startsWith('connect → hello-ok, p50'));
    expect(handshake, result.stdout).toBeDefined();
    expect(handshake!.gateway).toMatch(/^\d[\d,.]* ms$/);
    expect(handshake!.baseline).toMatch(/^\d[\d,.]* ms$/);
    expect(handshake!.verdict).toMatch(/^(pass|miss)$/);

    const reload = rows.filter((r) => r.workload === 'Hot reload');
    const byMetric = (prefix: string) => reload.find((r) => r.metric.startsWith(prefix));
    expect(byMetric('plugins.reload round trip, p99')?.gateway, result.stdout).toMatch(/^\d[\d,.]* ms$/);
    expect(byMetric('plugins.reload round trip, p99')?.baseline).toBe('n/a');
    // The reloads happened under load and nothing was lost: these are correctness, not speed.
    expect(Number(byMetric('RPCs answered during reloads')?.gateway.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(byMetric('failed RPCs')?.gateway, result.stderr).toBe('0');
    expect(byMetric('failed HTTP requests')?.gateway, result.stderr).toBe('0');
    expect(byMetric('dropped sockets')?.gateway, result.stderr).toBe('0');
    expect(result.stdout).not.toMatch(/\berror\b/);
  }, 90_000);
});
