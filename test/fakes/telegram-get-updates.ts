import type { Update } from 'grammy/types';
import { conflict } from './telegram-error.js';
import type { MethodContext } from './telegram-method-context.js';
import { intParam } from './telegram-params.js';
import type { ParkedPoll } from './telegram-update-queue.js';

const TERMINATED = 'terminated by other getUpdates request; make sure that only one bot instance is running';

/**
 * getUpdates with real long-poll semantics: `offset` confirms, `timeout` waits until an update
 * arrives, and a newer long poll terminates a waiting one with 409 (the older request loses, as
 * on Telegram's server; Telegram's 3-second throttle on that 409 is left out to keep tests fast).
 */
export function getUpdates({ bot, params, signal }: MethodContext): Update[] | Promise<Update[]> {
  if (bot.webhookUrl !== '') {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const queue = bot.updates;
  queue.confirm(intParam(params, 'offset'));
  queue.setAllowed(params.allowed_updates);
  const limit = Math.min(100, Math.max(1, intParam(params, 'limit') ?? 100));
  const timeoutSeconds = Math.max(0, intParam(params, 'timeout') ?? 0);
  const ready = queue.peek(limit);
  if (ready.length > 0 || timeoutSeconds === 0) return ready;

  return new Promise<Update[]>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      queue.unpark(poll);
      settle();
    };
    const poll: ParkedPoll = {
      wake: () => {
        const updates = queue.peek(limit);
        if (updates.length > 0) finish(() => resolve(updates));
      },
      fail: (error) => finish(() => reject(error)),
    };
    const onAbort = (): void => finish(() => resolve([]));
    const timer = setTimeout(() => finish(() => resolve([])), timeoutSeconds * 1000);
    signal.addEventListener('abort', onAbort, { once: true });
    queue.park(poll, () => conflict(TERMINATED));
  });
}
