import { compileSchema, pointerToDotted } from '../schema/compiled.js';
import { KERNEL_KEYS, KernelConfigSchema, TOLERATED_KEYS } from './kernel-schema.js';
import { getPath, isPlainObject } from './object-path.js';
export function validateConfig(root, parts) {
    const issues = [];
    const kernel = compileSchema(KernelConfigSchema);
    for (const p of kernel.problems(root, 10)) {
        issues.push({ severity: 'error', path: pointerToDotted(p.pointer), message: p.message, owner: 'kernel' });
    }
    for (const part of parts) {
        const value = part.select(root);
        const compiled = compileSchema(part.schema);
        const prefix = part.keys.length === 1 ? part.keys[0] : '';
        for (const p of compiled.problems(value, 10)) {
            issues.push({ severity: 'error', path: pointerToDotted(p.pointer, prefix), message: p.message, owner: part.owner });
        }
    }
    const owned = new Set([...KERNEL_KEYS, ...TOLERATED_KEYS, ...parts.flatMap((p) => p.keys.map((k) => k.split('.')[0]))]);
    for (const key of Object.keys(root)) {
        if (!owned.has(key)) {
            issues.push({ severity: 'warning', path: key, message: 'no loaded plugin reads this key; it is ignored', owner: 'kernel' });
        }
    }
    return { ok: !issues.some((i) => i.severity === 'error'), issues };
}
/** The value a plugin with these config keys sees: one key → that subtree, several → an object keyed by them. */
export function selectConfig(root, keys) {
    if (keys.length === 1)
        return getPath(root, keys[0]) ?? {};
    const out = {};
    for (const k of keys) {
        const v = getPath(root, k);
        out[k] = v === undefined ? {} : v;
    }
    return out;
}
export function formatIssues(issues) {
    return issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.path}: ${i.message}${i.owner !== 'kernel' ? ` (plugin ${i.owner})` : ''}`)
        .join('; ');
}
export { isPlainObject };
//# sourceMappingURL=validate-config.js.map