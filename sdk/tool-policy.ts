/**
 * Tool policy: which tools an agent may use. Shared by the agent runtime (which applies it), the
 * sandbox (which adds its own layer) and anything that explains the outcome.
 */

/** `{allow, deny}`: names, `*` globs or `group:<name>`; an absent allow list allows everything. */
export interface ToolPolicy {
  allow?: readonly string[];
  deny?: readonly string[];
}

/**
 * Shorthands usable in any allow/deny list (names as in the original Moltbot). A group may name
 * tools no loaded plugin provides; they simply match nothing.
 */
export const TOOL_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'group:fs': ['read', 'write', 'edit', 'apply_patch', 'list', 'glob'],
  'group:runtime': ['exec', 'process'],
  'group:web': ['web_fetch', 'web_search'],
  'group:sessions': ['sessions_list', 'sessions_history', 'sessions_send', 'sessions_spawn', 'session_status'],
  'group:messaging': ['message'],
  'group:automation': ['cron', 'gateway'],
  'group:ui': ['browser', 'canvas'],
  'group:nodes': ['nodes'],
  'group:memory': ['memory_search', 'memory_get'],
};

/** Tools that change files: refused when the workspace is mounted read-only. */
export const WRITE_TOOLS: readonly string[] = ['write', 'edit', 'apply_patch'];

/** Replace each `group:<name>` entry by its tools; other entries pass through. */
export function expandToolGroups(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const group = TOOL_GROUPS[entry.trim().toLowerCase()];
    if (group) out.push(...group);
    else out.push(entry);
  }
  return out;
}

/** `*` matches everything, `sessions_*` a prefix; otherwise an exact, case-insensitive name. */
export function toolNameMatches(pattern: string, name: string): boolean {
  const p = pattern.trim().toLowerCase();
  const n = name.toLowerCase();
  if (p === '*') return true;
  if (!p.includes('*')) return p === n;
  const re = new RegExp(
    `^${p
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(n);
}

function listMatches(list: readonly string[], name: string): boolean {
  return expandToolGroups(list).some((p) => toolNameMatches(p, name));
}

/** Every layer must allow the tool: deny wins, an allow list restricts, absent lists allow. */
export function toolAllowedBy(name: string, layers: ReadonlyArray<ToolPolicy | undefined>): boolean {
  for (const policy of layers) {
    if (!policy) continue;
    if (policy.deny && listMatches(policy.deny, name)) return false;
    if (policy.allow && !listMatches(policy.allow, name)) return false;
  }
  return true;
}
