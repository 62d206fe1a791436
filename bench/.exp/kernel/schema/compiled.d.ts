import type { TSchema } from 'typebox';
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
export declare function compileSchema(schema: TSchema): CompiledSchema;
/** `/gateway/port` → `gateway.port` for people reading config errors. */
export declare function pointerToDotted(pointer: string, prefix?: string): string;
export declare function describeProblems(problems: SchemaProblem[], prefix?: string): string;
