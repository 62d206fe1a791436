import { Compile } from 'typebox/compile';
const cache = new WeakMap();
export function compileSchema(schema) {
    const hit = cache.get(schema);
    if (hit)
        return hit;
    const validator = Compile(schema);
    const compiled = {
        check: (value) => validator.Check(value),
        problems(value, max = 5) {
            const out = [];
            for (const e of validator.Errors(value)) {
                // "schema is false" duplicates the additionalProperties error that follows it.
                if (e.message === 'schema is false')
                    continue;
                let message = e.message;
                if (e.keyword === 'additionalProperties') {
                    const extra = e.params.additionalProperties ?? [];
                    message = `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}`;
                }
                else if (e.keyword === 'required') {
                    const missing = e.params.requiredProperties ?? [];
                    if (missing.length)
                        message = `missing required field${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}`;
                }
                out.push({ pointer: e.instancePath, message });
                if (out.length >= max)
                    break;
            }
            return out;
        },
    };
    cache.set(schema, compiled);
    return compiled;
}
/** `/gateway/port` → `gateway.port` for people reading config errors. */
export function pointerToDotted(pointer, prefix = '') {
    const tail = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
    if (!prefix)
        return tail || '(root)';
    return tail ? `${prefix}.${tail}` : prefix;
}
export function describeProblems(problems, prefix = '') {
    return problems.map((p) => `${pointerToDotted(p.pointer, prefix)}: ${p.message}`).join('; ');
}
//# sourceMappingURL=compiled.js.map