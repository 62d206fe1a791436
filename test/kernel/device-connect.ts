import crypto from 'node:crypto';
import { type DeviceKey, signDevice } from './device-key.js';
import { openRaw, type RawSocket } from './raw-socket.js';

export interface DeviceConnect {
  key: DeviceKey;
  /** `auth.token` (the shared secret or a device token); omitted: no credential at all. */
  token?: string;
  role?: 'operator' | 'node';
  scopes?: string[];
  clientId?: string;
  clientMode?: string;
  displayName?: string;
  commands?: string[];
  caps?: string[];
  /** Sign v1 (no nonce; loopback only). */
  v1?: boolean;
  headers?: Record<string, string>;
  localAddress?: string;
}

export interface DeviceConnectResult {
  res: any;
  /** The close of a refused connect (undefined when accepted). */
  close?: { code: number; reason: string };
  sock: RawSocket;
  /** The connect frame as sent (to replay it). */
  frame: Record<string, unknown>;
}

/** The connect frame a device sends on `sock` (signed over its challenge nonce). */
export function deviceConnectFrame(sock: RawSocket, d: DeviceConnect): Record<string, unknown> {
  const role = d.role ?? 'operator';
  const scopes = d.scopes ?? (role === 'node' ? [] : ['operator.admin']);
  const clientId = d.clientId ?? (role === 'node' ? 'node-host' : 'cli');
  const clientMode = d.clientMode ?? (role === 'node' ? 'node' : 'cli');
  const device = signDevice(d.key, {
    clientId,
    clientMode,
    role,
    scopes,
    token: d.token,
    nonce: d.v1 ? undefined : sock.nonce,
  });
  return {
    type: 'req',
    id: 'connect-1',
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 7,
      client: {
        id: clientId,
        version: '2026.1.27',
        platform: 'linux',
        mode: clientMode,
        instanceId: crypto.randomUUID(),
        ...(d.displayName ? { displayName: d.displayName } : {}),
      },
      role,
      scopes,
      ...(d.caps ? { caps: d.caps } : {}),
      ...(d.commands ? { commands: d.commands } : {}),
      ...(d.token === undefined ? {} : { auth: { token: d.token } }),
      device,
    },
  };
}

/** Connect as a device over a raw socket; a refused connect waits for its close. */
export async function connectDevice(url: string, d: DeviceConnect): Promise<DeviceConnectResult> {
  const sock = await openRaw(url, d.headers, d.localAddress);
  const frame = deviceConnectFrame(sock, d);
  return sendConnect(sock, frame);
}

export async function sendConnect(sock: RawSocket, frame: Record<string, unknown>): Promise<DeviceConnectResult> {
  sock.send(frame);
  const res = await sock.next((f) => f.type === 'res' && f.id === frame.id);
  const close = res.ok ? undefined : await sock.closed;
  return { res, close, sock, frame };
}
