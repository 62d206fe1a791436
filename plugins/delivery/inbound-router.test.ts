import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AgentService,
  type AgentSubmitRequest,
  type ChannelAdapter,
  type ChannelRegistrar,
  ChannelSendError,
  type ChatCommand,
  type ChatCommandInvocation,
  type CommandRegistrar,
  type InboundMessage,
  type Lease,
  type OutboundMessage,
} from '../../sdk/index.js';
import { GroupActivationStore } from './group-activation-store.js';
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
  let boot: () => void;
  let register: (c: ChatCommand) => () => void;
  let delivered: OutboundMessage[];
  let failures: number;
  let submitted: string[];
  let requests: AgentSubmitRequest[];
  let invoked: ChatCommandInvocation[];
  let replyText: (req: AgentSubmitRequest) => string;
  /** The answering agent's own workspace, when the fake reports one. */
  let replyWorkspace: string | undefined;
  /** Outcomes the fake agent gives before answering normally: 'busy' throws QUEUE_FULL, 'shutdown' ends aborted. */
  let busyScript: Array<'busy' | 'shutdown'>;
  let router: InboundRouter;
  let queue: OutboundQueue;

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (owner TEXT, step INTEGER, applied_at INTEGER)');
    for (const sql of DELIVERY_MIGRATIONS) db.exec(sql);
    delivered = [];
    failures = 0;
    submitted = [];
    requests = [];
    invoked = [];
    replyText = (req) => `reply to ${req.message}`;
    replyWorkspace = undefined;
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
        requests.push(req);
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
        const result = { runId: 'r', status: 'ok' as const, text: replyText(req) };
        return {
          runId: 'r',
          done: Promise.resolve(replyWorkspace ? { ...result, workspaceDir: replyWorkspace } : result),
        };
      },
      sessionKeyFor: (o) => (o.chatType === 'group' ? `agent:main:chat:group:${o.chatId}` : 'agent:main:main'),
      queueDepth: () => 0,
      groupChat: () => ({ mentioned: (text) => /\bmolty\b/i.test(text), historyLimit: 5 }),
    };
    const table = new Map<string, ChatCommand>();
    register = (c: ChatCommand) => {
      table.set(c.name, c);
      return () => table.delete(c.name);
    };
    const commands: CommandRegistrar = { register, list: () => [...table.values()], get: (n) => table.get(n) };
    register({ name: 'status', description: 'status', handler: () => 'status!' });
    register({
      name: 'secret',
      description: 'owner only',
      ownerOnly: true,
      handler: (inv) => {
        invoked.push(inv);
        return 'the secret';
      },
    });
    register({
      name: 'reset',
      description: 'owner in groups',
      ownerOnly: 'groups',
      handler: (inv) => {
        invoked.push(inv);
        return 'reset done';
      },
    });
    const logger = pino({ level: 'silent' });
    const inbound = new InboundStore(db);
    // One process generation on the shared database; a test may end it and boot the next one.
    boot = () => {
      lease = testLease();
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
        commands,
        lease,
        logger,
      });
      router = new InboundRouter({
        db,
        inbound,
        pairing: new PairingStore(db, { codeTtlMs: 60_000, maxPending: 2 }),
        outbound: queue,
        activation: new GroupActivationStore(db),
        commands,
        agent: () => agent,
        logger,
        onQueued: () => dispatcher.kick(),
        onPairingRequested: () => undefined,
      });
      queue.start();
      dispatcher.start();
    };
    boot();
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

  it('answers registered commands without the agent; unknown ones and strangers get no command', async () => {
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: ['1'], groups: {} };
    expect((await router.inbound(msg('c1', '1', '/status'), policy)).disposition).toBe('command');
    await until(() => delivered.length === 1);
    expect(delivered[0]!.text).toBe('status!');
    expect(submitted).toEqual([]);
    // Not registered: an ordinary message for the model. Addressed to another bot: not ours either.
    expect((await router.inbound(msg('c2', '1', '/unknown thing'), policy)).disposition).toBe('queued');
    expect((await router.inbound(msg('c3', '1', '/status@other_bot'), policy)).disposition).toBe('queued');
    expect((await router.inbound(msg('c4', '9', '/status'), policy)).disposition).toBe('denied');
    await until(() => submitted.length === 2);
    expect(submitted).toEqual(['/unknown thing', '/status@other_bot']);
  });

  it('a command cut off by a crash or reload runs again in the next generation; its reply is sent once', async () => {
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: ['1'], groups: {} };
    let runs = 0;
    register({
      name: 'slow',
      description: 'answers on the second run',
      handler: (inv) => {
        runs++;
        // The first run is still working when the process goes away.
        return runs === 1 ? new Promise<string>(() => undefined) : `done after ${runs} runs (${inv.args})`;
      },
    });
    expect((await router.inbound(msg('s1', '1', '/slow please'), policy)).disposition).toBe('command');
    await until(() => runs === 1);
    await lease.end();
    expect(delivered).toEqual([]);
    boot();
    await until(() => delivered.length === 1);
    expect(delivered[0]!.text).toBe('done after 2 runs (please)');
    // The reply was enqueued with the row marked done: a later generation neither runs nor sends again.
    await lease.end();
    boot();
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(2);
    expect(delivered).toHaveLength(1);
  });

  it('refuses owner-only commands to other allowed senders, with a reply and no handler call', async () => {
    // The adapter's limit is 50 characters: longer replies arrive in parts.
    const textTo = (to: string) =>
      delivered
        .filter((d) => d.to === to)
        .map((d) => d.text)
        .join(' ');
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: ['1', '2'], owners: ['1'], groups: {} };
    await router.inbound(msg('o1', '2', '/secret'), policy);
    await until(() => /only for the owner/.test(textTo('2')));
    expect(invoked).toEqual([]);
    await router.inbound(msg('o2', '1', '/secret now'), policy);
    await until(() => textTo('1') === 'the secret');
    expect(invoked[0]).toMatchObject({ name: 'secret', args: 'now', isOwner: true, sessionKey: 'agent:main:main' });
    // `ownerOnly: 'groups'`: anyone allowed in a DM, owners only in groups (no mention needed for a command).
    await router.inbound(msg('o3', '2', '/reset'), policy);
    await router.inbound({ ...msg('o4', '2', '/reset'), chatType: 'group', chatId: '-5' }, policy);
    await until(() => /in groups/.test(textTo('-5')) && /reset done/.test(textTo('2')));
    expect(invoked).toHaveLength(2);
    expect(delivered.find((d) => d.to === '-5')).toMatchObject({ replyTo: 'o4' });
  });

  it('in groups: mention patterns wake the bot, earlier unaddressed lines reach it as context', async () => {
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: [], groups: {} };
    const inGroup = (id: string, sender: string, text: string): InboundMessage => ({
      ...msg(id, sender, text),
      chatType: 'group',
      chatId: '-7',
      senderName: `user${sender}`,
    });
    expect((await router.inbound(inGroup('g1', '3', 'lunch at noon?'), policy)).disposition).toBe('ignored');
    expect((await router.inbound(inGroup('g2', '4', 'sure'), policy)).disposition).toBe('ignored');
    expect((await router.inbound(inGroup('g3', '3', 'Molty, book a table'), policy)).disposition).toBe('queued');
    await until(() => requests.length === 1);
    expect(requests[0]!.message).toBe(
      '[Chat messages since your last reply - for context]\nuser3: lunch at noon?\nuser4: sure\n\n' +
        '[Current message - respond to this]\nuser3: Molty, book a table',
    );
    expect(requests[0]!.sessionKey).toBe('agent:main:chat:group:-7');
    expect(requests[0]!.extraSystemPrompt).toMatch(/group chat/);
    // The next turn sees only what came after the bot answered.
    await router.inbound(inGroup('g4', '4', 'thanks'), policy);
    await router.inbound(inGroup('g5', '4', 'molty how many seats?'), policy);
    await until(() => requests.length === 2);
    expect(requests[1]!.message).toContain('user4: thanks\n\n[Current message');
    expect(requests[1]!.message).not.toContain('lunch');
  });

  it('threads group replies per replyToMode and drops a NO_REPLY answer', async () => {
    replyText = (req) =>
      req.message.includes('quiet') ? 'NO_REPLY' : 'First sentence of this reply. Second sentence of this reply.';
    const group = (id: string, text: string): InboundMessage => ({
      ...msg(id, '1', text),
      chatType: 'group',
      chatId: '-8',
      mentioned: true,
    });
    await router.inbound(group('t1', 'go'), { dmPolicy: 'allowlist', allowFrom: [], groups: {}, replyToMode: 'all' });
    await until(() => delivered.length === 2);
    expect(delivered.map((d) => d.replyTo)).toEqual(['t1', 't1']);
    await router.inbound(group('t2', 'go'), { dmPolicy: 'allowlist', allowFrom: [], groups: {} });
    await until(() => delivered.length === 4);
    expect(delivered.slice(2).map((d) => d.replyTo)).toEqual(['t2', undefined]);
    await router.inbound(group('t3', 'go'), { dmPolicy: 'allowlist', allowFrom: [], groups: {}, replyToMode: 'off' });
    await router.inbound(group('t4', 'stay quiet'), { dmPolicy: 'allowlist', allowFrom: [], groups: {} });
    await until(() => submitted.length === 4);
    await until(() => delivered.length === 6);
    await new Promise((r) => setTimeout(r, 100));
    expect(delivered.slice(4).map((d) => d.replyTo)).toEqual([undefined, undefined]);
    expect(delivered.some((d) => d.text === 'NO_REPLY')).toBe(false);
  });

  it("a MEDIA: line names a file of the answering agent's own workspace; elsewhere it stays text", async () => {
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: ['1'], groups: {} };
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-ws-'));
    try {
      fs.writeFileSync(path.join(workspace, 'pic.png'), 'png');
      replyText = () => 'see\nMEDIA: pic.png';
      await router.inbound(msg('w1', '1', 'draw'), policy);
      await until(() => delivered.length === 1);
      // No workspace reported and none configured: the line cannot be resolved and stays.
      expect(delivered[0]).toMatchObject({ text: 'see\nMEDIA: pic.png' });
      replyWorkspace = workspace;
      await router.inbound(msg('w2', '1', 'draw again'), policy);
      await until(() => delivered.length === 2);
      expect(delivered[1]).toMatchObject({ text: 'see', mediaUrls: [path.join(workspace, 'pic.png')] });
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('tells an allowed sender at once about an attachment that did not come through', async () => {
    replyText = () => 'ok';
    const policy = { dmPolicy: 'allowlist' as const, allowFrom: ['1'], groups: {} };
    await router.inbound({ ...msg('e1', '1', 'see file'), mediaErrors: ['big.pdf is over the cap'] }, policy);
    await router.inbound({ ...msg('e2', '9', 'x'), mediaErrors: ['stranger.pdf too big'] }, policy);
    await until(() => delivered.length === 2);
    expect(delivered.map((d) => d.text)).toEqual(['⚠️ big.pdf is over the cap', 'ok']);
    expect(requests[0]!.message).toBe('see file\n[attachment not received: big.pdf is over the cap]');
    expect(delivered.every((d) => d.to === '1')).toBe(true);
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
