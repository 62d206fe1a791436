import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AgentService,
  type ChannelAdapter,
  type ChannelRegistrar,
  ChannelSendError,
  type InboundMessage,
  type Lease,
  type OutboundMessage,
} from '../../sdk/index.js';
import { InboundDispatcher } from './inbound-dispatcher.js';
import { InboundRouter } from './inbound-router.js';
import { InboundStore } from './inbound-store.js';
import { DELIVERY_MIGRATIONS } from './migrations.js';
import { OutboundQueue } from './outbound-queue.js';
import { PairingStore } from './pairing-store.js';

/** A lease whose disposers the test runs, like the kernel's. */
function testLease(): Lease & { end(): Promise<void> } {
  const ac = new AbortController();
  const effects: Array<() => unknown> = [];
  return {
    get signal() {
      return ac.signal;
    },
    get active() {
      return !ac.signal.aborted;
    },
    defer(_label, fn) {
      effects.push(fn);
      return () => {
        const at = effects.indexOf(fn);
        if (at !== -1) effects.splice(at, 1)[0]!();
      };
    },
    interval(label, ms, fn) {
      const t = setInterval(fn, ms);
      return this.defer(label, () => clearInterval(t));
    },
    timeout(label, ms, fn) {
      const t = setTimeout(fn, ms);
      return this.defer(label, () => clearTimeout(t));
    },
    track: (p) => p,
    async end() {
      ac.abort();
      while (effects.length) await effects.pop()!();
    },
  };
}

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('InboundRouter + InboundDispatcher + OutboundQueue (fake agent, fake adapter)', () => {
  let db: Database.Database;
  let lease: ReturnType<typeof testLease>;
  let delivered: OutboundMessage[];
  let failures: number;
  let submitted: string[];
  /** Outcomes the fake agent gives before answering normally: 'busy' throws QUEUE_FULL, 'shutdown' ends aborted. */
  let busyScript: Array<'busy' | 'shutdown'>;
  let router: InboundRouter;
  let queue: OutboundQueue;

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (owner TEXT, step INTEGER, applied_at INTEGER)');
    for (const sql of DELIVERY_MIGRATIONS) db.exec(sql);
    lease = testLease();
    delivered = [];
    failures = 0;
    submitted = [];
    busyScript = [];
    const adapter: ChannelAdapter = {
      id: 'chat',
      label: 'Chat',
      capabilities: { textLimit: 50, media: true, groups: true, typing: false, reactions: false },
      status: () => ({ linked: true, accounts: [{ accountId: 'acc', linked: true, state: 'running' }] }),
      async send(message) {
        if (failures > 0) {
          failures--;
          throw new ChannelSendError('flaky', { permanent: false });
        }
        delivered.push(message);
        return { platformMessageId: String(delivered.length) };
      },
    };
    const channels: ChannelRegistrar = {
      register: () => undefined,
      list: () => [adapter],
      get: (id) => (id === 'chat' ? adapter : undefined),
    };
    const agent: AgentService = {
      submit: (req) => {
        submitted.push(req.message);
        const next = busyScript.shift();
        if (next === 'busy') throw Object.assign(new Error('queue full'), { code: 'GW_ERR_AGENT_QUEUE_FULL' });
        if (next === 'shutdown')
          return {
            runId: 'r',
            done: Promise.resolve({
              runId: 'r',
              status: 'aborted' as const,
              text: '',
              error: { code: 'GW_ERR_AGENT_SHUTDOWN', message: 'unloaded' },
            }),
          };
        return { runId: 'r', done: Promise.resolve({ runId: 'r', status: 'ok', text: `reply to ${req.message}` }) };
      },
      sessionKeyFor: () => 'agent:main:main',
      queueDepth: () => 0,
    };
    const logger = pino({ level: 'silent' });
    const inbound = new InboundStore(db);
    queue = new OutboundQueue(db, {
      channels,
      lease,
      logger,
      config: { maxAttempts: 3, baseBackoffMs: 50, maxBackoffMs: 100 },
    });
    const dispatcher = new InboundDispatcher({
      store: inbound,
      outbound: queue,
      db,
      agent: () => agent,
      channels,
      lease,
      logger,
    });
    router = new InboundRouter({
      db,
      inbound,
      pairing: new PairingStore(db, { codeTtlMs: 60_000, maxPending: 2 }),
      outbound: queue,
      logger,
      onQueued: () => dispatcher.kick(),
      onPairingRequested: () => undefined,
      statusText: () => 'status!',
    });
    queue.start();
    dispatcher.start();
  });

  afterEach(async () => {
    await lease.end();
    db.close();
  });

  const msg = (id: string, sender: string, text: string): InboundMessage => ({
    channel: 'chat',
    accountId: 'acc',
    messageId: id,
    chatId: sender,
    chatType: 'direct',
    senderId: sender,
    text,
    ts: 0,
  });

  it('routes an allowed message to the agent and delivers the reply; replays are duplicates', async () => {
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: ['1'], groups: {} };
    expect(await router.inbound(msg('m1', '1', 'hello'), policy)).toEqual({ stored: true, disposition: 'queued' });
    await until(() => delivered.length === 1);
    expect(delivered[0]).toMatchObject({ to: '1', text: 'reply to hello', accountId: 'acc' });
    expect(await router.inbound(msg('m1', '1', 'hello'), policy)).toEqual({ stored: true, disposition: 'duplicate' });
    await new Promise((r) => setTimeout(r, 100));
    expect(submitted).toEqual(['hello']);
  });

  it('retries a turn the agent could not take (queue full, shutdown); no attempt spent, no user told', async () => {
    busyScript = ['busy', 'shutdown', 'busy'];
    const policy = { dmPolicy: 'open' as const, allowFrom: ['*'], groups: {} };
    await router.inbound(msg('b1', '1', 'patience'), policy);
    await until(() => delivered.length === 1, 8000);
    expect(delivered.map((d) => d.text)).toEqual(['reply to patience']);
    expect(submitted).toEqual(['patience', 'patience', 'patience', 'patience']);
    const row = db.prepare('SELECT attempts, state FROM delivery_inbound').get() as { attempts: number; state: string };
    expect(row).toEqual({ attempts: 0, state: 'done' });
  });

  it('denies strangers without a model call and pairs unknown senders with a bounded number of codes', async () => {
    expect(
      (await router.inbound(msg('s1', '9', 'x'), { dmPolicy: 'allowlist', allowFrom: ['1'], groups: {} })).disposition,
    ).toBe('denied');
    const pairing = { dmPolicy: 'pairing' as const, allowFrom: [], groups: {} };
    expect((await router.inbound(msg('p1', '7', 'hi'), pairing)).disposition).toBe('pairing');
    expect((await router.inbound(msg('p2', '8', 'hi'), pairing)).disposition).toBe('pairing');
    // maxPending 2: a third stranger is refused until requests resolve.
    expect((await router.inbound(msg('p3', '6', 'hi'), pairing)).disposition).toBe('denied');
    await until(
      () =>
        delivered.some((d) => d.to === '7' && /approve/.test(d.text ?? '')) &&
        delivered.some((d) => d.to === '8' && /approve/.test(d.text ?? '')),
    );
    expect([...new Set(delivered.map((d) => d.to))].sort()).toEqual(['7', '8']);
    expect(
      delivered
        .filter((d) => d.to === '7')
        .map((d) => d.text)
        .join(' '),
    ).toMatch(/pairing code: [A-Z2-9]{8}/);
    await new Promise((r) => setTimeout(r, 100));
    expect(submitted).toEqual([]);
  });

  it('answers /status without the agent', async () => {
    expect(
      (await router.inbound(msg('c1', '1', '/status'), { dmPolicy: 'allowlist', allowFrom: ['1'], groups: {} }))
        .disposition,
    ).toBe('ignored');
    await until(() => delivered.length === 1);
    expect(delivered[0]!.text).toBe('status!');
    expect(submitted).toEqual([]);
  });

  it('splits long text by the adapter limit, keeps per-chat order through retries, dedupes by key', async () => {
    failures = 2;
    const long = 'First sentence here. Second sentence here. Third sentence goes here.';
    const a = queue.enqueue({ channel: 'chat', to: 'c', text: long, idempotencyKey: 'k' });
    const b = queue.enqueue({ channel: 'chat', to: 'c', text: 'after', idempotencyKey: 'k2' });
    expect(queue.enqueue({ channel: 'chat', to: 'c', text: long, idempotencyKey: 'k' })).toEqual({
      messageId: a.messageId,
      duplicate: true,
    });
    expect(b.duplicate).toBe(false);
    await until(() => delivered.length === 3);
    expect(delivered.map((d) => d.text)).toEqual([
      'First sentence here. Second sentence here.',
      'Third sentence goes here.',
      'after',
    ]);
  });

  it('moves a message that keeps failing to the dead-letter list and then serves the next one', async () => {
    failures = 3;
    queue.enqueue({ channel: 'chat', to: 'd', text: 'doomed' });
    queue.enqueue({ channel: 'chat', to: 'd', text: 'next' });
    await until(() => delivered.length === 1);
    expect(delivered[0]!.text).toBe('next');
    expect(queue.store.deadLetters()).toEqual([
      expect.objectContaining({ recipient: 'd', last_error: 'flaky', attempts: 3 }),
    ]);
    expect(() => queue.enqueue({ channel: 'chat', to: 'd', text: '   ' })).toThrow(/nothing to send/);
  });
});
