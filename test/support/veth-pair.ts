import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';

/**
 * A private two-address network on this machine for the tests that need a non-loopback
 * address (mDNS, browsers "on another machine"): a network namespace with one end of a veth
 * pair, the other end here. Both ends carry MULTICAST (loopback does not here). Needs root and
 * iproute2 (CI runs as root). `remove()` deletes both; test processes in the namespace run
 * through `inNamespace(argv)`.
 */
export interface VethPair {
  namespace: string;
  /** Our end's address (bind the gateway here). */
  hostAddress: string;
  /** The namespace end's address. */
  peerAddress: string;
  /** argv that runs `argv` inside the namespace. */
  inNamespace(argv: string[]): string[];
  remove(): void;
}

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function createVethPair(): VethPair {
  const tag = crypto.randomBytes(3).toString('hex');
  const namespace = `mbt${tag}`;
  const here = `mbv${tag}a`;
  const there = `mbv${tag}b`;
  const used = ip('-4', '-o', 'addr', 'show');
  let octets: [number, number] = [0, 0];
  do octets = [200 + crypto.randomInt(50), crypto.randomInt(64) * 4];
  while (used.includes(` 10.${octets[0]}.${octets[1]}.`));
  const net = `10.${octets[0]}.${octets[1]}`;
  const hostAddress = `${net}.1`;
  const peerAddress = `${net}.2`;
  try {
    ip('netns', 'add', namespace);
    ip('link', 'add', here, 'type', 'veth', 'peer', 'name', there);
    ip('link', 'set', there, 'netns', namespace);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', here);
    ip('link', 'set', here, 'up');
    ip('-n', namespace, 'addr', 'add', `${peerAddress}/30`, 'dev', there);
    ip('-n', namespace, 'link', 'set', there, 'up');
    ip('-n', namespace, 'link', 'set', 'lo', 'up');
    ip('-n', namespace, 'route', 'add', '224.0.0.0/4', 'dev', there);
  } catch (err) {
    cleanup(namespace, here);
    throw new Error(`could not create a veth pair (needs root and iproute2): ${(err as Error).message}`);
  }
  return {
    namespace,
    hostAddress,
    peerAddress,
    inNamespace: (argv) => ['ip', 'netns', 'exec', namespace, ...argv],
    remove: () => cleanup(namespace, here),
  };
}

function cleanup(namespace: string, link: string): void {
  for (const args of [
    ['link', 'del', link],
    ['netns', 'del', namespace],
  ]) {
    try {
      ip(...args);
    } catch {
      /* already gone */
    }
  }
}
