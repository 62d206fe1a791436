import type { PluginAction } from '../host/plugin-host.js';
import { isUnder } from './object-path.js';

export type ReloadMode = 'hybrid' | 'hot' | 'restart' | 'off';

/** Paths whose change needs a full in-process restart (the socket and auth belong to the kernel). */
export const RESTART_PATHS = ['gateway.port', 'gateway.bind', 'gateway.auth', 'gateway.tls'] as const;

export interface ReloadPlan {
  changed: string[];
  /** A full in-process restart is needed (and allowed by the mode). */
  restart: boolean;
  /** Changed paths that need a restart the mode did not allow (`hot`): reported, not applied. */
  restartDeferred: string[];
  /** Kernel settings applied live (gateway.reload, gateway.allowedHosts, logging, store …). */
  kernel: string[];
  plugins: Map<string, PluginAction>;
}

export interface PlanInputs {
  mode: ReloadMode;
  changed: string[];
  /** Plugin ids → enabled, before and after. */
  before: Map<string, boolean>;
  after: Map<string, boolean>;
  keysOf(id: string): string[];
}

/** Diff → plan: which owner each changed path belongs to, and what that owner must do. */
export function planReload(inputs: PlanInputs): ReloadPlan {
  const { changed, mode } = inputs;
  const plan: ReloadPlan = { changed, restart: false, restartDeferred: [], kernel: [], plugins: new Map() };
  if (changed.length === 0 || mode === 'off') return plan;
  const needsRestart = changed.filter((p) => RESTART_PATHS.some((r) => isUnder(p, r)));
  if (mode === 'restart' || (mode === 'hybrid' && needsRestart.length > 0)) {
    plan.restart = true;
    return plan;
  }
  plan.restartDeferred = needsRestart;
  plan.kernel = changed.filter(
    (p) =>
      (p.startsWith('gateway.') || p === 'gateway' || p.startsWith('logging') || isUnder(p, 'store')) &&
      !needsRestart.includes(p),
  );
  const ids = new Set([...inputs.before.keys(), ...inputs.after.keys()]);
  for (const id of ids) {
    const was = inputs.before.get(id) ?? false;
    const is = inputs.after.get(id) ?? false;
    if (!was && is) plan.plugins.set(id, 'load');
    else if (was && !is) plan.plugins.set(id, 'unload');
    else if (is) {
      const owned = [...inputs.keysOf(id), `plugins.entries.${id}`];
      if (changed.some((p) => owned.some((k) => isUnder(p, k)))) plan.plugins.set(id, 'reload');
    }
  }
  return plan;
}
