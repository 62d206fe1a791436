export type RawConfig = Record<string, unknown>;
export interface ConfigSnapshot {
    path: string;
    exists: boolean;
    /** File text as read ('' when missing). */
    raw: string;
    /** sha256 of `raw`; a write with a stale base hash is refused. */
    hash: string;
    config: RawConfig;
}
export declare function hashText(text: string): string;
/** Parse JSON5 text; the error names the line and column. */
export declare function parseConfigText(text: string, file: string): RawConfig;
export declare function readConfigFile(file: string): ConfigSnapshot;
/**
 * Atomic write: temp file in the same folder (mode 0600), fsync, rename over the target.
 * A reader never sees a half-written file; a crash leaves the old or the new one.
 */
export declare function writeFileAtomic(file: string, text: string, mode?: number): void;
export declare function serializeConfig(config: RawConfig): string;
