import type { Update } from 'grammy/types';
import type { TelegramError } from './telegram-error.js';

/** A getUpdates request waiting for updates (a long poll). */
export interface ParkedPoll {
  wake(): void;
  fail(error: TelegramError): void;
}

/** What Telegram delivers when `allowed_updates` is empty or was never set. */
const NOT_DELIVERED_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}

/** One bot's pending updates with Bot API offset semantics: updates stay until an offset confirms them. */
export class UpdateQueue {
  #updates: Update[] = [];
  #lastId = 0;
  #confirmedOffset = 0;
  #allowed: Set<string> | undefined;
  #parked: ParkedPoll | undefined;

  /** Highest offset a getUpdates call has confirmed (0 if none yet). */
  get confirmedOffset(): number {
    return this.#confirmedOffset;
  }

  get pendingCount(): number {
    return this.#updates.length;
  }

  /** Adds an update, numbering it when `update_id` is missing, and wakes a waiting long poll. */
  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const id = update.update_id ?? this.#lastId + 1;
    this.#lastId = Math.max(this.#lastId, id);
    const numbered = { ...update, update_id: id } as Update;
    this.#updates.push(numbered);
    this.#parked?.wake();
    return numbered;
  }

  /** Positive offsets forget updates below them; negative ones keep only the last |offset| updates. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) {
      this.#updates = this.#updates.filter((update) => update.update_id >= offset);
      this.#confirmedOffset = Math.max(this.#confirmedOffset, offset);
    } else {
      this.#updates = this.#updates.slice(offset);
    }
  }

  /** Remembers `allowed_updates` like Telegram: omitted keeps the previous setting, `[]` resets it. */
  setAllowed(allowed: unknown): void {
    if (!Array.isArray(allowed)) return;
    this.#allowed = allowed.length === 0 ? undefined : new Set(allowed.map(String));
  }

  peek(limit: number): Update[] {
    return this.#updates.filter((update) => this.#isAllowed(updateType(update))).slice(0, limit);
  }

  dropAll(): void {
    this.#updates = [];
  }

  /** Parks a long poll; an earlier one is terminated, as Telegram answers the older request with 409. */
  park(poll: ParkedPoll, onConflict: () => TelegramError): void {
    const previous = this.#parked;
    this.#parked = poll;
    previous?.fail(onConflict());
  }

  unpark(poll: ParkedPoll): void {
    if (this.#parked === poll) this.#parked = undefined;
  }

  failParked(error: TelegramError): void {
    this.#parked?.fail(error);
  }

  #isAllowed(type: string): boolean {
    return this.#allowed === undefined ? !NOT_DELIVERED_BY_DEFAULT.has(type) : this.#allowed.has(type);
  }
}
