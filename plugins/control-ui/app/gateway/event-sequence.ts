/**
 * Gap detection on broadcast events: every broadcast carries a gateway-wide `seq` that grows by
 * one. A jump means the page missed something (a dropped frame, a suspended tab) and its state
 * may be stale: the connection resyncs from a fresh hello-ok.
 */
export class EventSequence {
  private last: number | undefined;

  /** Feed one event's seq; true when events were missed before it. */
  observe(seq: number | undefined): boolean {
    if (seq === undefined) return false;
    const gap = this.last !== undefined && seq > this.last + 1;
    if (this.last === undefined || seq > this.last) this.last = seq;
    return gap;
  }

  reset(): void {
    this.last = undefined;
  }
}
