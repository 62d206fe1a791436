/**
 * One thread of a `ClientPool`: holds a share of the bench clients so that receiving
 * (fan-out) and load generation (RPC) are not limited by a single event loop.
 */
import { parentPort } from 'node:worker_threads';
import type { Envelope, PoolCommand, PoolReply } from './client-pool-messages.js';
import { now, sleep } from './clock.js';
import { ProtocolClient } from './protocol-client.js';

const port = parentPort;
if (!port) throw new Error('client-pool-worker must run in a worker thread');

const clients: ProtocolClient[] = [];
let lastMessageAt = now();
let arrivals = new Float64Array(0);
let armedEvent: string | undefined;
let remaining = 0;
let allArrived: (() => void) | undefined;

function record(index: number): void {
  if (!Number.isNaN(arrivals[index]!)) return;
  arrivals[index] = now();
  if (--remaining === 0) allArrived?.();
}

function watch(client: ProtocolClient, index: number): void {
  client.tap = (raw) => {
    lastMessageAt = now();
    if (armedEvent !== undefined && needle && raw.includes(needle)) {
      record(index);
      return true;
    }
    return false;
  };
  // Fallback for servers that serialize differently from the needle.
  client.onEvent((event) => {
    if (event === armedEvent) record(index);
  });
}
let needle: Buffer | undefined;

async function connect(cmd: Extract<PoolCommand, { op: 'connect' }>): Promise<PoolReply> {
  let next = 0;
  let error: string | undefined;
  const lane = async (): Promise<void> => {
    while (error === undefined) {
      const i = next++;
      if (i >= cmd.count) return;
      try {
        const client = await ProtocolClient.connect({
          url: cmd.url,
          connectParams: cmd.connectParams,
          timeoutMs: cmd.timeoutMs,
        });
        watch(client, clients.length);
        clients.push(client);
      } catch (err) {
        error = `client ${i + 1}/${cmd.count}: ${(err as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(cmd.concurrency, cmd.count) }, lane));
  return { op: 'connect', connected: clients.length, ...(error ? { error } : {}) };
}

async function quiet(cmd: Extract<PoolCommand, { op: 'quiet' }>): Promise<PoolReply> {
  const deadline = now() + cmd.maxMs;
  while (now() < deadline) {
    const idle = now() - lastMessageAt;
    if (idle >= cmd.quietMs) return { op: 'quiet', quiet: true };
    await sleep(Math.max(5, cmd.quietMs - idle));
  }
  return { op: 'quiet', quiet: false };
}

async function collect(cmd: Extract<PoolCommand, { op: 'collect' }>): Promise<PoolReply> {
  if (remaining > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, cmd.timeoutMs);
      allArrived = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  allArrived = undefined;
  armedEvent = undefined;
  return { op: 'collect', arrivals };
}

/** Set by `rpc-stop`: running request loops end after their current request. */
let rpcStopRequested = false;

async function rpc(cmd: Extract<PoolCommand, { op: 'rpc' }>): Promise<PoolReply> {
  rpcStopRequested = false;
  const latencies: number[] = [];
  let completed = 0;
  /** Every answered request, warm-up included (CPU per request divides by it). */
  let answered = 0;
  let errors = 0;
  let firstError: string | undefined;
  const windowStart = cmd.startAt + cmd.warmupMs;
  const windowEnd = windowStart + cmd.durationMs;
  await sleep(Math.max(0, cmd.startAt - now()));
  const loop = async (client: ProtocolClient): Promise<void> => {
    while (client.open) {
      const sentAt = now();
      if (sentAt >= windowEnd || rpcStopRequested) return;
      try {
        await client.request(cmd.method, cmd.params, 10_000);
        answered++;
        const doneAt = now();
        if (sentAt >= windowStart && doneAt <= windowEnd) {
          completed++;
          latencies.push(doneAt - sentAt);
        }
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
        if (errors > 1000) return;
      }
    }
  };
  const loops: Promise<void>[] = [];
  for (const client of clients) for (let k = 0; k < cmd.inflight; k++) loops.push(loop(client));
  await Promise.all(loops);
  const closed = clients.filter((client) => !client.open).length;
  return {
    op: 'rpc',
    completed,
    answered,
    errors,
    closed,
    latencies: Float64Array.from(latencies),
    ...(firstError ? { firstError } : {}),
  };
}

async function handle(cmd: PoolCommand): Promise<PoolReply> {
  switch (cmd.op) {
    case 'connect':
      return connect(cmd);
    case 'ping':
      return { op: 'ping', t: now() };
    case 'quiet':
      return quiet(cmd);
    case 'arm':
      arrivals = new Float64Array(clients.length).fill(Number.NaN);
      remaining = clients.length;
      needle = Buffer.from(`"event":"${cmd.event}"`);
      armedEvent = cmd.event;
      return { op: 'arm' };
    case 'collect':
      return collect(cmd);
    case 'rpc':
      return rpc(cmd);
    case 'rpc-stop':
      rpcStopRequested = true;
      return { op: 'rpc-stop' };
    case 'close':
      for (const client of clients) client.terminate();
      clients.length = 0;
      return { op: 'close' };
  }
}

port.on('message', (cmd: Envelope<PoolCommand>) => {
  void handle(cmd).then((reply) => {
    const envelope: Envelope<PoolReply> = { ...reply, seq: cmd.seq };
    const transfer =
      'arrivals' in reply ? [reply.arrivals.buffer] : 'latencies' in reply ? [reply.latencies.buffer] : [];
    port.postMessage(envelope, transfer as ArrayBuffer[]);
  });
});
