import { describe, expect, it } from 'vitest';
import { NodeCommandError } from './node-command-error.js';
import { parseRunPattern } from './run-allowlist.js';
import { findOnPath, systemRun } from './system-run.js';

const opts = (allow: string[], extra: Partial<Parameters<typeof systemRun>[1]> = {}) => ({
  enabled: true,
  patterns: allow.map(parseRunPattern),
  defaultTimeoutMs: 10_000,
  maxTimeoutMs: 10_000,
  ...extra,
});

describe('system.run', () => {
  it('runs an allowed program without a shell and returns its output and exit code', async () => {
    const r = await systemRun({ command: ['sh', '-c', 'echo out; echo err >&2; exit 3'] }, opts(['sh']));
    expect(r).toMatchObject({ exitCode: 3, success: false, timedOut: false, stdout: 'out\n', stderr: 'err\n' });
    const literal = await systemRun({ command: ['echo', '$HOME;', 'rm'] }, opts(['echo']));
    expect(literal.stdout).toBe('$HOME; rm\n');
  });

  it('is off without --allow-run, and refuses what no pattern allows', async () => {
    await expect(systemRun({ command: ['echo'] }, opts(['echo'], { enabled: false }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const refused = await systemRun({ command: ['uname'] }, opts(['echo'])).catch((e) => e);
    expect(refused).toBeInstanceOf(NodeCommandError);
    expect(refused.code).toBe('FORBIDDEN');
    await expect(systemRun({ command: 'uname -a' }, opts(['uname']))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('caps output at the limit (marked truncated) and kills at the timeout', async () => {
    const big = await systemRun(
      { command: ['head', '-c', '5000', '/dev/zero'] },
      opts(['head'], { maxOutputBytes: 1000 }),
    );
    expect(big.stdout.length).toBe(1000);
    expect(big.truncated).toBe(true);
    const slow = await systemRun({ command: ['sleep', '5'], timeoutMs: 200 }, opts(['sleep']));
    expect(slow).toMatchObject({ timedOut: true, success: false, signal: 'SIGKILL' });
    expect(slow.durationMs).toBeLessThan(4000);
  });

  it('finds programs on PATH like spawn does', () => {
    expect(findOnPath('sh')).toMatch(/\/sh$/);
    expect(findOnPath('no-such-program-here')).toBeUndefined();
  });
});
