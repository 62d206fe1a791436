import type { AllowlistEntry } from '../exec/allowlist-match.js';
import { patternMatches } from '../exec/allowlist-match.js';
import type { CommandAnalysis } from '../exec/command-analysis.js';
import type { ApprovalsFile, ExecAsk, ExecSecurity } from './approvals-file.js';

const SECURITY_RANK: Record<ExecSecurity, number> = { deny: 0, allowlist: 1, full: 2 };
const ASK_RANK: Record<ExecAsk, number> = { always: 0, 'on-miss': 1, off: 2 };

/**
 * The policy for one agent's host commands: the stricter of `tools.exec.security|ask` and the
 * approvals file (`defaults`, then `agents.<id>`), each source only able to tighten.
 */
export function effectiveExecPolicy(
  config: { security: ExecSecurity; ask: ExecAsk },
  file: ApprovalsFile,
  agentId: string,
): { security: ExecSecurity; ask: ExecAsk } {
  const layers = [config, file.defaults ?? {}, file.agents?.[agentId] ?? {}];
  let security = config.security;
  let ask = config.ask;
  for (const l of layers) {
    if (l.security && SECURITY_RANK[l.security] < SECURITY_RANK[security]) security = l.security;
    if (l.ask && ASK_RANK[l.ask] < ASK_RANK[ask]) ask = l.ask;
  }
  return { security, ask };
}

export type ExecDecision =
  | { action: 'run'; matched: Array<AllowlistEntry & { owner: string }> }
  | { action: 'ask'; reason: string }
  | { action: 'deny'; reason: string };

/**
 * Run, ask an operator, or refuse. `deny` refuses everything; `full` runs everything (unless
 * `ask: "always"`); `allowlist` runs a command whose every segment matches an entry and, for
 * one that does not (or cannot be analysed), asks (`on-miss`, `always`) or refuses (`off`).
 */
export function decideExec(input: {
  security: ExecSecurity;
  ask: ExecAsk;
  analysis: CommandAnalysis;
  allowlist: ReadonlyArray<AllowlistEntry & { owner: string }>;
  resolve(program: string): string | undefined;
}): ExecDecision {
  const { security, ask, analysis } = input;
  if (security === 'deny')
    return { action: 'deny', reason: 'host commands are disabled (tools.exec.security or the approvals file: "deny")' };
  const matched: Array<AllowlistEntry & { owner: string }> = [];
  let miss: string | undefined;
  if (analysis.kind === 'opaque') miss = `the command ${analysis.reason}, so no allowlist entry can match it`;
  else {
    for (const argv of analysis.segments) {
      const resolved = input.resolve(argv[0]!);
      const hit = input.allowlist.find((e) => patternMatches(e.pattern, argv, resolved));
      if (!hit) {
        miss = `"${argv.join(' ')}" matches no allowlist entry`;
        break;
      }
      matched.push(hit);
    }
  }
  if (ask === 'always') return { action: 'ask', reason: 'every command is confirmed (ask: "always")' };
  if (security === 'full' || miss === undefined) return { action: 'run', matched };
  if (ask === 'off')
    return {
      action: 'deny',
      reason: `${miss} and approvals are off (tools.exec.ask: "off"); add an allowlist entry with moltbot approvals`,
    };
  return { action: 'ask', reason: miss };
}
