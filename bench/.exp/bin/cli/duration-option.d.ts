/** `--timeout` values: `10000` (ms), `500ms`, `10s`, `2m`. */
export declare function parseDuration(raw: string, flag: string): number;
