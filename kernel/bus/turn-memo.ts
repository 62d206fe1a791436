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
 * One computed value shared by the requests answered in the same event-loop turn while the
 * activity clock stands still: under load a single socket read carries many `status` requests,
 * and building the same summary for each is most of their cost. Nothing a client could observe
 * happens between them — a state change comes with an event, a connection change or a writing
 * method (each moves the clock), or arrives in a later turn (the value is dropped when the turn
 * ends) — so each still gets the summary as of the moment it was answered.
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
      setImmediate(() => {
        this.value = undefined;
        this.dropScheduled = false;
      });
    }
    return value;
  }
}
