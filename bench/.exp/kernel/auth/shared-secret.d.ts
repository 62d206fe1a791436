export type AuthMode = 'token' | 'password';
export interface ResolvedAuth {
    mode: AuthMode;
    /** The secret clients must present (never logged). */
    secret: string;
    /** Where it came from, for status screens: `flag`, `env`, `config`, `generated`. */
    source: 'flag' | 'env' | 'config' | 'generated';
    allowTailscale: boolean;
}
export interface AuthSources {
    flagToken?: string;
    env: NodeJS.ProcessEnv;
    config?: {
        mode?: AuthMode;
        token?: string;
        password?: string;
        allowTailscale?: boolean;
    };
}
/** Token/password precedence: flag > env > config (PROTOCOL.md "Auth"). Undefined when none is set. */
export declare function resolveAuth(sources: AuthSources): ResolvedAuth | undefined;
/** A new gateway token: 32 random bytes, base64url (43 chars). */
export declare function generateToken(): string;
/**
 * Constant-time comparison of a presented secret with the expected one. Both sides are hashed
 * first so that neither the content nor the length leaks through timing.
 */
export declare function secretsEqual(presented: string | undefined, expected: string): boolean;
/** Reads `Authorization: Bearer <secret>`. */
export declare function bearerFrom(header: string | string[] | undefined): string | undefined;
