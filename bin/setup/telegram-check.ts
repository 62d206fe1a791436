export type TelegramCheck = { ok: true; username: string; id: number } | { ok: false; problem: string };

export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** A bot token's shape, checked before any request: `<digits>:<35 or so url-safe characters>`. */
export function telegramTokenShape(token: string): string | undefined {
  if (/^\d{5,}:[A-Za-z0-9_-]{20,}$/.test(token)) return undefined;
  return 'that does not look like a bot token: @BotFather gives one like 123456789:AAH…(about 46 characters)';
}

/** `getMe`: proves the token and tells the bot's @name. */
export async function checkTelegramToken(
  token: string,
  apiRoot = TELEGRAM_API_ROOT,
  options: { timeoutMs?: number } = {},
): Promise<TelegramCheck> {
  const url = `${apiRoot.replace(/\/+$/, '')}/bot${token}/getMe`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  } catch (err) {
    const code = (err as { cause?: { code?: string }; name?: string }).cause?.code ?? (err as Error).name;
    // The URL carries the token: say which host failed, never the URL.
    return { ok: false, problem: `could not reach the Telegram Bot API at ${new URL(apiRoot).host} (${code})` };
  }
  const body = (await res.json().catch(() => ({}))) as {
    ok?: boolean;
    result?: { username?: string; id?: number };
    description?: string;
  };
  if (res.ok && body.ok && body.result?.username)
    return { ok: true, username: body.result.username, id: body.result.id ?? 0 };
  if (res.status === 401 || res.status === 404)
    return {
      ok: false,
      problem:
        `Telegram does not know this bot token (HTTP ${res.status}: ${body.description ?? 'Unauthorized'}): copy it ` +
        'again from @BotFather (/mybots → your bot → API Token)',
    };
  return { ok: false, problem: `Telegram answered HTTP ${res.status}: ${body.description ?? 'no description'}` };
}
