/** Normalise `::ffff:127.0.0.1` to `127.0.0.1`. */
export declare function normalizeAddress(addr: string | undefined): string;
export declare function isLoopbackAddress(addr: string | undefined): boolean;
