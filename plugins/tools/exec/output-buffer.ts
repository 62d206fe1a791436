/**
 * A command's output kept within a byte budget: the first half of the budget and the last half,
 * with the bytes dropped in between counted. Reading never loses the ends of a long log.
 */
export class OutputBuffer {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** Every byte ever written. */
  total = 0;

  constructor(private readonly maxBytes: number) {}

  write(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.floor(this.maxBytes / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const tailMax = this.maxBytes - Math.floor(this.maxBytes / 2);
    while (this.tailBytes - this.tail[0]!.length >= tailMax) this.tailBytes -= this.tail.shift()!.length;
    if (this.tailBytes > tailMax) {
      const drop = this.tailBytes - tailMax;
      this.tail[0] = this.tail[0]!.subarray(drop);
      this.tailBytes -= drop;
    }
  }

  /** Bytes dropped from the middle. */
  get omitted(): number {
    return this.total - this.headBytes - this.tailBytes;
  }

  get truncated(): boolean {
    return this.omitted > 0;
  }

  /** The kept text, then start afresh (what `process poll` returns: output since the last poll). */
  take(): string {
    const text = this.text();
    this.head.length = 0;
    this.tail = [];
    this.headBytes = 0;
    this.tailBytes = 0;
    this.total = 0;
    return text;
  }

  /** The kept output as text, with a marker where the middle was dropped. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (!this.truncated) return head + tail;
    return `${head}\n…[${this.omitted} bytes of output omitted; ${this.total} bytes in total]…\n${tail}`;
  }
}
