interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
}

/** An append-only list of recorded traffic that tests can await entries from. */
export class RecordLog<T> {
  readonly items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();

  add(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(item)) {
        this.#waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  clear(): void {
    this.items.length = 0;
  }

  /**
   * Resolves with the first entry (already recorded or future) that matches; rejects after
   * `timeoutMs` with `describe()` in the message so a failing test shows what did arrive.
   */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
    const existing = this.items.find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`waitFor timed out after ${timeoutMs} ms; recorded so far: ${describe()}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
