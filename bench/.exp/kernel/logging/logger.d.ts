import { type Logger } from 'pino';
export interface LoggerOptions {
    file: string;
    level?: string;
    maxFileBytes?: number;
    maxFiles?: number;
    /** Mirror debug events (handshakes, req/res, events) to the console. */
    verbose?: boolean;
    /** Human-readable console lines (default: on). */
    console?: boolean;
}
/** Paths pino censors wherever they appear; secrets never reach a log line. */
export declare const REDACT_PATHS: string[];
export interface GatewayLogger {
    logger: Logger;
    flush(): void;
    close(): void;
}
/** JSON lines to the rotating file, readable lines on stdout (pino-pretty in-process). */
export declare function createGatewayLogger(options: LoggerOptions): GatewayLogger;
