/**
 * Channel path: a Telegram text update (fake Bot API) → the telegram plugin's grammY poller →
 * inbound store and router → an agent turn on the fake provider (answers at once with an echo)
 * → outbound queue → `sendMessage` on the fake Bot API. Latency is from injecting the update to
 * the fake receiving the reply. Three phases: sequential messages (latency without queueing),
 * a burst (how fast a backlog drains: the capacity), and a steady 200 messages/second for a
 * while (latency and throughput at the target rate). The steady phase waits a bounded time for
 * its replies: a gateway that cannot keep up gets its rate from the replies that did arrive and
 * a p99 that counts an unanswered message as waiting until the deadline (a lower bound).
 * Gateway only: the baseline column reads n/a.
 */
import { fakeProviderConfig } from '../lib/agent-config.js';
import { now, sleep } from '../lib/clock.js';
import {
  DEFAULT_TEST_TOKEN,
  type FakeTelegramApi,
  type RecordedCall,
  startFakeModelProvider,
  startFakeTelegramApi,
} from '../lib/fakes.js';
import { waitForPlugins } from '../lib/plugin-status.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

const TOKEN = DEFAULT_TEST_TOKEN;
/** Users cycle over this many private chats, so a chat's previous turn is long done. */
const CHATS = 1000;
const FIRST_CHAT = 700_000;
const STEADY_RATE = 200;

/** Each message carries `bench m<i>x`; the fake's echo brings it back in the reply. */
const marker = (i: number): string => `bench m${i}x`;
const MARKER = /bench m(\d+)x/;

/** Records when the fake receives the reply to each injected message. */
class ReplyWatch {
  private readonly injectedAt = new Map<number, number>();
  private readonly repliedAt = new Map<number, number>();
  private waiting: { count: number; resolve(): void } | undefined;
  private stopping = false;
  private readonly done: Promise<unknown>;

  constructor(private readonly fake: FakeTelegramApi) {
    // One permanent waiter sees every recorded call as it is recorded (synchronously), so the
    // time taken is when the reply reached the fake. It ends on a getMe sent by `close`.
    this.done = fake
      .waitFor((call) => {
        if (this.stopping && call.method === 'getMe') return true;
        this.onCall(call);
        return false;
      }, 30 * 60_000)
      .catch(() => undefined);
  }

  private onCall(call: RecordedCall): void {
    if (call.method !== 'sendMessage' || !call.ok) return;
    const m = MARKER.exec(String(call.params.text ?? ''));
    if (!m) return;
    const i = Number(m[1]);
    if (!this.injectedAt.has(i) || this.repliedAt.has(i)) return;
    this.repliedAt.set(i, now());
    if (this.waiting && this.repliedAt.size >= this.waiting.count) this.waiting.resolve();
  }

  inject(i: number): void {
    const chatId = FIRST_CHAT + (i % CHATS);
    this.injectedAt.set(i, now());
    this.fake.injectText(TOKEN, { chatId, fromId: chatId, text: marker(i) });
  }

  /** Resolves true once `count` replies in total arrived, false after `timeoutMs`. */
  async settle(count: number, timeoutMs: number): Promise<boolean> {
    try {
      await this.until(count, timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves once `count` replies in total arrived; rejects after `timeoutMs`. */
  async until(count: number, timeoutMs: number): Promise<void> {
    if (this.repliedAt.size >= count) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => (this.waiting = { count, resolve })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const missing = [...this.injectedAt.keys()].filter((i) => !this.repliedAt.has(i));
            reject(
              new Error(
                `${missing.length} of ${this.injectedAt.size} messages got no reply within ${timeoutMs} ms (first: ` +
                  `"${marker(missing[0] ?? 0)}")`,
              ),
            );
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.waiting = undefined;
    }
  }

  /** Latencies (ms) of messages `from` ≤ i < `to`; an unanswered one counts until `deadline`. */
  latencies(from: number, to: number, deadline = Number.NaN): number[] {
    const out: number[] = [];
    for (let i = from; i < to; i++) out.push((this.repliedAt.get(i) ?? deadline) - this.injectedAt.get(i)!);
    return out;
  }

  replied(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) if (this.repliedAt.has(i)) n++;
    return n;
  }

  lastReplyAt(from: number, to: number): number {
    let last = 0;
    for (let i = from; i < to; i++) last = Math.max(last, this.repliedAt.get(i) ?? 0);
    return last;
  }

  firstInjectAt(from: number): number {
    return this.injectedAt.get(from)!;
  }

  async close(): Promise<void> {
    this.stopping = true;
    await fetch(`${this.fake.apiRoot}/bot${TOKEN}/getMe`).catch(() => undefined);
    await this.done;
  }
}

const workload: Workload = {
  name: 'channel',
  title: 'Channel path (Telegram)',
  targets: ['gateway'],
  async run(target, opts) {
    const warmup = opts.quick ? 5 : 30;
    const sequential = opts.quick ? 20 : 200;
    const steadySeconds = opts.quick ? 1 : 5;
    const burst = opts.quick ? 100 : 500;
    /** How long the steady phase waits for its last replies after the last update. */
    const steadyGraceMs = opts.quick ? 5_000 : 15_000;

    const provider = await startFakeModelProvider();
    const fake = await startFakeTelegramApi();
    const watch = new ReplyWatch(fake);
    try {
      const config = {
        ...fakeProviderConfig(provider),
        channels: { telegram: { botToken: TOKEN, apiRoot: fake.apiRoot, dmPolicy: 'open', allowFrom: ['*'] } },
        // One session per user, so 1,000 chats are 1,000 conversations. With the default
        // `main`, every DM shares one session, whose turns run one at a time by design (a
        // personal assistant has one human): throughput would be 1 / turn time, and the
        // queue cap (messages.queue.cap, 50) refuses the rest.
        session: { dmScope: 'per-peer' },
      };
      const server = await target.start({ config });
      try {
        const admin = await ProtocolClient.connect({
          url: server.url,
          connectParams: target.connectParams(server.token),
        });
        try {
          await waitForPlugins(admin, ['agent', 'delivery', 'telegram']);
        } finally {
          await admin.close();
        }
        let next = 0;

        // Warm-up: the poller connects, code paths get compiled.
        for (let i = 0; i < warmup; i++) {
          watch.inject(next++);
          await watch.until(next, i === 0 ? 15_000 : 10_000);
        }

        // 1. One message at a time.
        const seqFrom = next;
        for (let i = 0; i < sequential; i++) {
          watch.inject(next++);
          await watch.until(next, 10_000);
        }
        const seqLatencies = watch.latencies(seqFrom, next);
        await sleep(200);

        // 2. A burst injected at once: how fast a backlog drains.
        const burstFrom = next;
        for (let i = 0; i < burst; i++) watch.inject(next++);
        await watch.until(next, 120_000);
        const burstRate = (burst * 1000) / (watch.lastReplyAt(burstFrom, next) - watch.firstInjectAt(burstFrom));
        await sleep(500);

        // 3. A steady offered rate: message k is due at start + k / rate (catching up if late).
        const steadyFrom = next;
        const steadyCount = STEADY_RATE * steadySeconds;
        const steadyStart = now();
        for (let k = 0; k < steadyCount; ) {
          const due = steadyStart + (k * 1000) / STEADY_RATE;
          const wait = due - now();
          if (wait > 1) await sleep(wait - 0.5);
          else {
            watch.inject(next++);
            k++;
          }
        }
        const drained = await watch.settle(next, steadyGraceMs);
        const deadline = now();
        const steadyTo = next;
        const steadyReplied = watch.replied(steadyFrom, steadyTo);
        const steadyLatencies = watch.latencies(steadyFrom, steadyTo, deadline);
        const steadyEnd = drained ? watch.lastReplyAt(steadyFrom, steadyTo) : deadline;
        const steadyRate = (steadyReplied * 1000) / (steadyEnd - watch.firstInjectAt(steadyFrom));
        if (!drained)
          opts.log(
            `steady phase: ${steadyCount - steadyReplied} of ${steadyCount} updates unanswered ${steadyGraceMs} ms ` +
              'after the last one (counted as waiting until then)',
          );

        opts.log(`${sequential} sequential, burst of ${burst}, ${steadyCount} at ${STEADY_RATE}/s`);
        const measurements: Measurement[] = [
          {
            metric: `update → sendMessage p50, one at a time (${sequential})`,
            value: median(seqLatencies),
            unit: 'ms',
          },
          { metric: `update → sendMessage p99, one at a time (${sequential})`, value: p99(seqLatencies), unit: 'ms' },
          {
            metric: `burst of ${burst}: replies/s until the last`,
            value: burstRate,
            unit: 'msg/s',
            goal: { kind: 'at-least', value: 1000 },
          },
          {
            metric: `update → sendMessage p50 at ${STEADY_RATE} msg/s offered (${steadyCount})`,
            value: median(steadyLatencies),
            unit: 'ms',
          },
          {
            metric: `update → sendMessage p99 at ${STEADY_RATE} msg/s offered (${steadyCount})`,
            value: p99(steadyLatencies),
            unit: 'ms',
            goal: { kind: 'below', value: 50 },
          },
          {
            metric: `sustained at ${STEADY_RATE} msg/s offered: replies/s`,
            value: steadyRate,
            unit: 'msg/s',
            goal: { kind: 'at-least', value: STEADY_RATE * 0.98 },
          },
        ];
        return measurements;
      } finally {
        await server.stop();
      }
    } finally {
      await watch.close();
      await fake.close();
      await provider.close();
    }
  },
};

export default workload;
