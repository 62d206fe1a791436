import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { consoleLine } from './console-line.js';
import { RotatingFile } from './rotating-file.js';
import { urlForLog } from './url-for-log.js';

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
export const REDACT_PATHS = [
  'token',
  'password',
  'apiKey',
  'botToken',
  'secret',
  'deviceToken',
  'authorization',
  '*.token',
  '*.password',
  '*.apiKey',
  '*.botToken',
  '*.secret',
  '*.deviceToken',
  '*.authorization',
  '*.*.token',
  '*.*.password',
  '*.*.apiKey',
  '*.*.botToken',
  '*.*.secret',
  'headers.authorization',
  'req.headers.authorization',
  'params.auth',
  'auth.token',
  'auth.password',
];

export interface GatewayLogger {
  logger: Logger;
  flush(): void;
  close(): void;
  /**
   * Resolves once the log file is open and what was logged is on disk. An early fatal exit
   * waits for it: pino flushes on exit, and flushing a file that is still opening threw
   * "sonic boom is not ready yet" (reported as a bogus uncaught exception).
   */
  settle(): Promise<void>;
}

/** JSON lines to the rotating file, readable lines on stdout (pino-pretty in-process). */
export function createGatewayLogger(options: LoggerOptions): GatewayLogger {
  // The file takes everything the logger lets through; the logger's own level (settable from
  // `logging.level` once the config is read) is the one filter.
  const fileLevel = 'trace';
  const file = new RotatingFile({
    file: options.file,
    maxBytes: options.maxFileBytes ?? 10 * 1024 * 1024,
    maxFiles: options.maxFiles ?? 5,
  });
  const streams: pino.StreamEntry[] = [{ level: fileLevel as pino.Level, stream: file }];
  if (options.console !== false) {
    streams.push({
      level: (options.verbose ? 'debug' : 'info') as pino.Level,
      stream: pretty({
        colorize: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        sync: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,plugin,component,version,generation',
        // One line per event; --verbose shows the whole object under it (the file always has it).
        hideObject: !options.verbose,
        messageFormat: (record, messageKey) => consoleLine(record, messageKey, !options.verbose),
      }),
    });
  }
  const logger = pino(
    {
      level: options.verbose ? 'debug' : (options.level ?? 'info'),
      // Whoever logs a request (Fastify, a plugin), its query string never reaches the log.
      serializers: {
        url: (url: unknown) => (typeof url === 'string' ? urlForLog(url) : url),
        req: (req: { method?: string; url?: string; id?: unknown }) => ({
          method: req.method,
          url: urlForLog(req.url),
          id: req.id,
        }),
      },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    pino.multistream(streams),
  );
  return { logger, flush: () => file.flushSync(), close: () => file.end(), settle: () => file.settle() };
}
