import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** One tailnet peer as tailscaled knows it: its Tailscale addresses and the user who owns it. */
export interface FakePeer {
  addresses: string[];
  login: string;
  displayName?: string;
  nodeName?: string;
}

export interface FakeTailscaled {
  socketPath: string;
  /** `addr` values of every whois request, in order. */
  readonly queries: string[];
  close(): Promise<void>;
}

/**
 * tailscaled's LocalAPI over a unix socket, as far as the gateway uses it:
 * `GET /localapi/v0/whois?addr=<ip>[:port]` → 200 apitype.WhoIsResponse
 * `{Node:{…,Name,Addresses}, UserProfile:{ID,LoginName,DisplayName,ProfilePicURL}, CapMap}`,
 * 404 "no match for IP:port" for an address that is no peer, 400 for a missing or bad `addr`.
 */
export async function startFakeTailscaled(peers: FakePeer[]): Promise<FakeTailscaled> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tailscaled-'));
  const socketPath = path.join(dir, 'tailscaled.sock');
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local-tailscaled.sock');
    if (url.pathname !== '/localapi/v0/whois') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 not found\n');
      return;
    }
    const addr = url.searchParams.get('addr');
    if (!addr) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end("missing 'addr' parameter\n");
      return;
    }
    queries.push(addr);
    const ip = addr.startsWith('[') ? addr.slice(1, addr.indexOf(']')) : addr.replace(/:\d+$/, '');
    const peer = peers.find((p) => p.addresses.includes(ip));
    if (!peer) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no match for IP:port\n');
      return;
    }
    const body = {
      Node: {
        ID: 1234,
        StableID: 'nStable1234',
        Name: `${peer.nodeName ?? 'laptop'}.tail1234.ts.net.`,
        Addresses: peer.addresses.map((a) => (a.includes(':') ? `${a}/128` : `${a}/32`)),
        ComputedName: peer.nodeName ?? 'laptop',
      },
      UserProfile: {
        ID: 5678,
        LoginName: peer.login,
        DisplayName: peer.displayName ?? peer.login,
        ProfilePicURL: '',
      },
      CapMap: {},
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body, null, '\t'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
