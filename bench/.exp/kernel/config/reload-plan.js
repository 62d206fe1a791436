import { isUnder } from './object-path.js';
/** Paths whose change needs a full in-process restart (the socket and auth belong to the kernel). */
export const RESTART_PATHS = ['gateway.port', 'gateway.bind', 'gateway.auth', 'gateway.tls'];
/** Diff → plan: which owner each changed path belongs to, and what that owner must do. */
export function planReload(inputs) {
    const { changed, mode } = inputs;
    const plan = { changed, restart: false, restartDeferred: [], kernel: [], plugins: new Map() };
    if (changed.length === 0 || mode === 'off')
        return plan;
    const needsRestart = changed.filter((p) => RESTART_PATHS.some((r) => isUnder(p, r)));
    if (mode === 'restart' || (mode === 'hybrid' && needsRestart.length > 0)) {
        plan.restart = true;
        return plan;
    }
    plan.restartDeferred = needsRestart;
    plan.kernel = changed.filter((p) => (p.startsWith('gateway.') || p === 'gateway' || p.startsWith('logging')) && !needsRestart.includes(p));
    const ids = new Set([...inputs.before.keys(), ...inputs.after.keys()]);
    for (const id of ids) {
        const was = inputs.before.get(id) ?? false;
        const is = inputs.after.get(id) ?? false;
        if (!was && is)
            plan.plugins.set(id, 'load');
        else if (was && !is)
            plan.plugins.set(id, 'unload');
        else if (is) {
            const owned = [...inputs.keysOf(id), `plugins.entries.${id}`];
            if (changed.some((p) => owned.some((k) => isUnder(p, k))))
                plan.plugins.set(id, 'reload');
        }
    }
    return plan;
}
//# sourceMappingURL=reload-plan.js.map