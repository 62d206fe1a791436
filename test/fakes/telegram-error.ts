/** A Bot API failure, sent as `{ok:false, error_code, description, parameters?}` with the same HTTP status. */
export class TelegramError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
    this.name = 'TelegramError';
  }

  toJSON(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.retryAfter === undefined ? {} : { parameters: { retry_after: this.retryAfter } }),
    };
  }
}

export const badRequest = (detail: string): TelegramError => new TelegramError(400, `Bad Request: ${detail}`);
export const unauthorized = (): TelegramError => new TelegramError(401, 'Unauthorized');
export const notFound = (): TelegramError => new TelegramError(404, 'Not Found');
export const conflict = (detail: string): TelegramError => new TelegramError(409, `Conflict: ${detail}`);

/** The description real Telegram uses when no explicit one is given to `failNext`. */
export function defaultDescription(status: number, retryAfter?: number): string {
  if (status === 429) return `Too Many Requests: retry after ${retryAfter ?? 1}`;
  if (status === 400) return 'Bad Request';
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden: bot was blocked by the user';
  if (status === 409) return 'Conflict';
  if (status === 502) return 'Bad Gateway';
  return 'Internal Server Error';
}
