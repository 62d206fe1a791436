/**
 * What clients can see change: every connection added or removed, every event sent, every
 * method that may write (anything above `operator.read`) moves it on.
 */
export class ActivityClock {
  private count = 0;

  get value(): number {
    return this.count;
  }

  tick(): void {
    this.count++;
  }
}

/**
 * One computed value shared by the requests of one synchronous run — in practice the frames of
 * one socket read, which ws parses and dispatches in one go — while the activity clock stands
 * still: under load a single read carries many `status` requests, and building the same summary
 * for each is most of their cost. The value is dropped as soon as that run ends, before any other I/O
 * callback, timer or promise continuation runs (a microtask), so nothing can change state between the requests
 * that share it except code they themselves run: a connection change or an event (both move the
 * clock) or a method above `operator.read` (moves the clock when it is dispatched).
 */
export class TurnMemo<T> {
  private value: T | undefined;
  private at = -1;
  private dropScheduled = false;

  constructor(private readonly clock: ActivityClock) {}

  get(compute: () => T): T {
    if (this.value !== undefined && this.at === this.clock.value) return this.value;
    const value = compute();
    this.value = value;
    this.at = this.clock.value;
    if (!this.dropScheduled) {
      this.dropScheduled = true;
      queueMicrotask(() => {
        this.value = undefined;
        this.dropScheduled = false;
      });
    }
    return value;
  }
}
