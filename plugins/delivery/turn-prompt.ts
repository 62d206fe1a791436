import type { InboundMessage } from '../../sdk/index.js';

/** One earlier group line at most this long (a pasted essay must not crowd out the rest). */
const HISTORY_LINE_CHARS = 500;
/** The whole history block at most this long; the oldest lines go first. */
const HISTORY_BLOCK_CHARS = 8000;

export const HISTORY_HEADER = '[Chat messages since your last reply - for context]';
export const CURRENT_HEADER = '[Current message - respond to this]';

/**
 * What the agent reads for one channel message. In groups each line says who spoke, and the
 * messages the bot was not addressed in since it last answered come first, marked as context.
 * Attachments the channel could not take are named, so the model does not answer as if it saw them.
 */
export function turnPrompt(message: InboundMessage, history: readonly InboundMessage[] = []): string {
  const lines: string[] = [];
  if (message.text) lines.push(message.chatType === 'group' ? `${speaker(message)}: ${message.text}` : message.text);
  for (const error of message.mediaErrors ?? []) lines.push(`[attachment not received: ${error}]`);
  const current = lines.join('\n');
  if (message.chatType !== 'group' || history.length === 0) return current;
  const block: string[] = [];
  let size = 0;
  for (const earlier of [...history].reverse()) {
    const line = historyLine(earlier);
    if (size + line.length > HISTORY_BLOCK_CHARS) break;
    block.unshift(line);
    size += line.length + 1;
  }
  if (block.length === 0) return current;
  return `${HISTORY_HEADER}\n${block.join('\n')}\n\n${CURRENT_HEADER}\n${current}`;
}

function speaker(message: InboundMessage): string {
  return message.senderName ?? message.senderUsername ?? message.senderId;
}

function historyLine(message: InboundMessage): string {
  const attachments = message.mediaPaths?.length ? ` [${message.mediaPaths.length} attachment(s)]` : '';
  const text =
    message.text.length > HISTORY_LINE_CHARS ? `${message.text.slice(0, HISTORY_LINE_CHARS)}…` : message.text;
  return `${speaker(message)}: ${text}${attachments}`;
}
