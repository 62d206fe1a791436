/** A message that has the form of a chat command. */
export interface CommandText {
  /** Lowercased, without the slash. */
  name: string;
  /** The rest of the message, trimmed ('' when none). */
  args: string;
  /**
   * `/name@someone`: the bot it is addressed to. Channels strip their own handle first (Telegram
   * turns `/status@mybot` into `/status`), so a target left here means another bot.
   */
  target?: string;
}

const COMMAND = /^\/([A-Za-z][A-Za-z0-9_]{0,31})(?:@([A-Za-z0-9_]{1,64}))?:?(?=\s|$)\s*([\s\S]*)$/;

/**
 * `/name`, `/name args`, `/name: args` (Moltbot's optional colon) or `/name@bot args`. Only a
 * message that starts with the command counts: a slash inside a sentence is just text.
 */
export function parseCommandText(text: string): CommandText | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), args: (m[3] ?? '').trim(), ...(m[2] ? { target: m[2] } : {}) };
}
