import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../exec/command-analysis.js';
import { decideExec, effectiveExecPolicy } from './exec-policy.js';

const resolve = (p: string) => (p.includes('/') ? undefined : `/usr/bin/${p}`);
const allowlist = [
  { pattern: 'git status', owner: 'main' },
  { pattern: 'ls', owner: '*' },
];
const decide = (security: any, ask: any, cmd: string) =>
  decideExec({ security, ask, analysis: analyzeCommand(cmd), allowlist, resolve }).action;

describe('decideExec', () => {
  it('allowlist: matches run, misses ask (on-miss) or are refused (off)', () => {
    expect(decide('allowlist', 'on-miss', 'git status')).toBe('run');
    expect(decide('allowlist', 'on-miss', 'git status && ls -la')).toBe('run');
    expect(decide('allowlist', 'on-miss', 'git push')).toBe('ask');
    expect(decide('allowlist', 'on-miss', 'ls $(id)')).toBe('ask');
    expect(decide('allowlist', 'off', 'git push')).toBe('deny');
    expect(decide('allowlist', 'always', 'git status')).toBe('ask');
  });
  it('deny refuses everything; full runs everything unless ask is always', () => {
    expect(decide('deny', 'off', 'git status')).toBe('deny');
    expect(decide('full', 'on-miss', 'rm -rf x')).toBe('run');
    expect(decide('full', 'off', 'echo $(id)')).toBe('run');
    expect(decide('full', 'always', 'git status')).toBe('ask');
  });
});

describe('effectiveExecPolicy', () => {
  it('the approvals file can only tighten the config', () => {
    const cfg = { security: 'allowlist' as const, ask: 'on-miss' as const };
    expect(effectiveExecPolicy(cfg, { version: 1 }, 'main')).toEqual(cfg);
    expect(effectiveExecPolicy(cfg, { version: 1, defaults: { security: 'full', ask: 'off' } }, 'main')).toEqual(cfg);
    expect(
      effectiveExecPolicy(cfg, { version: 1, agents: { main: { security: 'deny', ask: 'always' } } }, 'main'),
    ).toEqual({ security: 'deny', ask: 'always' });
    expect(effectiveExecPolicy(cfg, { version: 1, agents: { main: { security: 'deny' } } }, 'work')).toEqual(cfg);
  });
});
