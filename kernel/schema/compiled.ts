import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/** A schema compiled once (TypeBox JIT) and reused for every check. */
export interface CompiledSchema {
  check(value: unknown): boolean;
  /** Readable problems: `"/auth/token": must be string`. Empty when valid. */
  problems(value: unknown, max?: number): SchemaProblem[];
}

export interface SchemaProblem {
  /** JSON pointer of the failing value ('' for the root). */
  pointer: string;
  message: string;
}

const cache = new WeakMap<TSchema, CompiledSchema>();

export function compileSchema(schema: TSchema): CompiledSchema {
  const hit = cache.get(schema);
  if (hit) return hit;
  const validator = Compile(schema);
  const compiled: CompiledSchema = {
    check: (value) => validator.Check(value),
    problems(value, max = 5) {
      const out: SchemaProblem[] = [];
      for (const e of validator.Errors(value)) {
        // "schema is false" duplicates the additionalProperties error that follows it.
        if (e.message === 'schema is false') continue;
        let message = e.message;
        if (e.keyword === 'additionalProperties') {
          const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
          message = `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}`;
        } else if (e.keyword === 'required') {
          const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? [];
          if (missing.length)
            message =
              `missing required field${missing.length > 1 ? 's' : ''} ` + `${missing.map((k) => `"${k}"`).join(', ')}`;
        }
        out.push({ pointer: e.instancePath, message });
        if (out.length >= max) break;
      }
      return out;
    },
  };
  cache.set(schema, compiled);
  return compiled;
}

/** `/gateway/port` → `gateway.port` for people reading config errors. */
export function pointerToDotted(pointer: string, prefix = ''): string {
  const tail = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  if (!prefix) return tail || '(root)';
  return tail ? `${prefix}.${tail}` : prefix;
}

export function describeProblems(problems: SchemaProblem[], prefix = ''): string {
  return problems.map((p) => `${pointerToDotted(p.pointer, prefix)}: ${p.message}`).join('; ');
}
