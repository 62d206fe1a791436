import type { BotState } from './telegram-bot-state.js';
import type { FileStore } from './telegram-file-store.js';
import type { UploadedFile } from './telegram-params.js';

/** What a Bot API method handler gets; it returns the `result` or throws a TelegramError. */
export interface MethodContext {
  token: string;
  bot: BotState;
  params: Record<string, unknown>;
  uploads: Record<string, UploadedFile>;
  files: FileStore;
  /** Aborts when the client disconnects (long polls end then). */
  signal: AbortSignal;
  /** When true every `parse_mode` is refused with "can't parse entities". */
  rejectParseMode: boolean;
}

export type MethodHandler = (context: MethodContext) => unknown;
