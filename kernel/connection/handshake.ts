import os from 'node:os';
import type { CallerInfo, Role, Scope } from '../../sdk/context.js';
import { type CredentialVerdict, checkPresentedCredential } from '../auth/credential-check.js';
import type { IssuedDeviceToken } from '../auth/device-registry.js';
import { verifyDevice } from '../auth/device-signature.js';
import { deviceFailureKey, failureKeys } from '../auth/failure-keys.js';
import { approvesOnSecret } from '../auth/pairing-policy.js';
import { secretsEqual } from '../auth/shared-secret.js';
import { PRESENCE_EVENT_MAX_ROWS } from '../bus/presence-announcer.js';
import { hasScope, isScope, OPERATOR_SCOPES } from '../bus/scopes.js';
import { type KernelErrorCode, kernelError } from '../errors.js';
import { untrustedText } from '../logging/untrusted-text.js';
import {
  CloseCode,
  type ConnectParams,
  connectParams,
  MAX_BUFFERED_BYTES,
  MAX_PAYLOAD_BYTES,
  negotiateProtocol,
  PROTOCOL_VERSION,
} from '../protocol/frames.js';
import type { KernelRuntime } from '../runtime.js';
import { describeProblems } from '../schema/compiled.js';
import { wireError } from '../wire-error.js';
import type { ClientConnection } from './client-connection.js';

interface Refusal {
  /** Registry code (kernel/errors.ts); the wire code is derived from it. */
  errorCode: KernelErrorCode;
  message: string;
  close: number;
  reason: string;
  details?: unknown;
  retryAfterMs?: number;
  /** Failure-limiter keys this refusal counts in (already counted when undefined). */
  countIn?: readonly string[];
}

/**
 * Handle the first frame of a connection. On success the connection becomes `ready` and gets
 * hello-ok; on failure the client gets an `ok:false` response (when its frame had an id) and
 * the documented close code.
 */
export function handleFirstFrame(rt: KernelRuntime, conn: ClientConnection, text: string): boolean {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    conn.close(CloseCode.policyViolation, 'first frame must be a connect request (got invalid JSON)');
    return false;
  }
  const f = frame as { type?: unknown; id?: unknown; method?: unknown; params?: unknown };
  const id = typeof f?.id === 'string' && f.id.length > 0 ? f.id : undefined;
  if (f?.type !== 'req' || f.method !== 'connect' || !id) {
    return refuse(rt, conn, id, {
      errorCode: 'GW_ERR_HANDSHAKE_FIRST_FRAME',
      message: 'the first frame must be a connect request: {"type":"req","id":"1","method":"connect","params":{…}}',
      close: CloseCode.policyViolation,
      reason: 'first frame must be connect',
    });
  }
  const outcome = authenticate(rt, conn, f.params);
  if ('refusal' in outcome) return refuse(rt, conn, id, outcome.refusal);
  accept(rt, conn, id, outcome);
  return true;
}

interface Accepted {
  params: ConnectParams;
  protocol: number;
  role: Role;
  scopes: Scope[];
  via: 'secret' | 'device-token' | 'tailscale' | 'pairing-approved';
  /** A device token to show in hello-ok (an approval's token, delivered once). */
  issued?: IssuedDeviceToken;
}

function authenticate(rt: KernelRuntime, conn: ClientConnection, raw: unknown): Accepted | { refusal: Refusal } {
  if (!connectParams.check(raw)) {
    const problems = connectParams.problems(raw);
    return {
      refusal: {
        errorCode: 'GW_ERR_PARAMS_INVALID',
        message: `invalid connect params: ${describeProblems(problems, 'params')}`,
        close: CloseCode.policyViolation,
        reason: 'invalid connect params',
        details: { problems },
      },
    };
  }
  const params = raw as ConnectParams;
  const protocol = negotiateProtocol(params.minProtocol, params.maxProtocol);
  if (protocol === undefined) {
    return {
      refusal: {
        errorCode: 'GW_ERR_PROTOCOL_MISMATCH',
        message:
          `protocol mismatch: client speaks ${params.minProtocol}..${params.maxProtocol}, gateway speaks ` +
          `3..${PROTOCOL_VERSION}`,
        close: CloseCode.protocolError,
        reason: 'protocol mismatch',
        details: { expectedProtocol: PROTOCOL_VERSION, minProtocol: 3 },
      },
    };
  }
  const roleName = params.role ?? 'operator';
  if (roleName !== 'operator' && roleName !== 'node') {
    return {
      refusal: {
        errorCode: 'GW_ERR_ROLE_INVALID',
        message: `invalid role "${untrustedText(roleName, 32)}": use "operator" or "node"`,
        close: CloseCode.policyViolation,
        reason: 'invalid role',
      },
    };
  }
  const role: Role = roleName;
  let scopes: Scope[];
  if (role === 'node') {
    scopes = ['node'];
  } else {
    const asked = params.scopes ?? [];
    const unknown = asked.filter((s) => !isScope(s) || s === 'node');
    if (unknown.length) {
      return {
        refusal: {
          errorCode: 'GW_ERR_PARAMS_INVALID',
          message:
            `unknown scope ${unknown.map((s) => `"${untrustedText(s, 64)}"`).join(', ')}; operator scopes are ` +
            `${OPERATOR_SCOPES.join(', ')}`,
          close: CloseCode.policyViolation,
          reason: 'invalid scopes',
        },
      };
    }
    scopes = asked.length ? [...new Set(asked as Scope[])] : ['operator.admin'];
  }

  const sourceKeys = failureKeys(conn.peer.ip, conn.peer.headers);
  let via: Accepted['via'] | undefined = conn.peer.tailscale ? 'tailscale' : undefined;
  /** The device's own bucket, when it proved its key and has a token for this role. */
  let deviceKey: string | undefined;
  const presentedToken = params.auth?.token || undefined;
  const presentedPassword = params.auth?.password || undefined;

  if (params.device) {
    const check = verifyDevice(
      params.device,
      {
        clientId: params.client.id,
        clientMode: params.client.mode,
        role,
        scopes: params.scopes ?? [],
        token: params.auth?.token ?? undefined,
      },
      conn.nonce,
      conn.peer.isLoopback,
    );
    const refused = (reason: string): { refusal: Refusal } => ({
      refusal: {
        errorCode: 'GW_ERR_DEVICE_INVALID',
        message: `device identity rejected: ${reason}`,
        close: CloseCode.policyViolation,
        reason: 'device identity rejected',
        countIn: rt.limiter.retryAfterMs(sourceKeys) > 0 ? undefined : sourceKeys,
      },
    });
    if (!check.ok) return refused(check.reason);
    // Each signature once: the same signed connect on a second socket is a replay.
    if (!rt.signatures.firstUse(params.device.signature, params.device.signedAt)) {
      return refused('this signature was already used (a replayed connect): sign a fresh connect');
    }
    // Checked first and in a bucket of its own: a device that proves its key and presents its
    // device token is never locked out by what other clients of its source do.
    const deviceId = params.device.id.toLowerCase();
    const record = via ? undefined : rt.devices.get(deviceId, role);
    if (record?.tokenHash && presentedToken) {
      deviceKey = deviceFailureKey(deviceId, role);
      if (
        rt.limiter.retryAfterMs(deviceKey) === 0 &&
        rt.devices.tokenMatches(deviceId, role, params.device.publicKey, presentedToken)
      ) {
        via = 'device-token';
        rt.limiter.reset(deviceKey);
        const granted = grantedScopes(record.scopes as Scope[], role, params.scopes, scopes);
        if ('refusal' in granted) return granted;
        scopes = granted.scopes;
      }
    }
    // No credential at all: the token an operator's approval issued, or a pairing request.
    if (!via && !presentedToken && !presentedPassword) {
      const issued = rt.devices.takeUndelivered(deviceId, role, params.device.publicKey);
      if (issued) {
        const granted = grantedScopes(issued.scopes as Scope[], role, params.scopes, scopes);
        if ('refusal' in granted) return granted;
        return { params, protocol, role, scopes: granted.scopes, via: 'pairing-approved', issued };
      }
      return { refusal: pairingRequired(rt, conn, params, role, scopes, record !== undefined) };
    }
  }
  if (!via) {
    const presented = rt.auth.mode === 'password' ? presentedPassword : presentedToken;
    const verdict = checkPresentedCredential(rt.limiter, sourceKeys, presented, (p) => secretsEqual(p, rt.auth.secret));
    if (verdict.ok) {
      via = 'secret';
    } else {
      // A device token guess that was not the shared secret either spends the device's budget too.
      if (deviceKey && verdict.reason !== 'missing') rt.limiter.recordFailure(deviceKey);
      return { refusal: secretRefusal(rt, verdict, params) };
    }
  }
  // The secret (or a Tailscale identity) was proven: a new device may still have to wait.
  const browser = conn.peer.origin !== undefined;
  const local = conn.peer.isLoopback && !conn.peer.tailscale;
  if (via !== 'device-token' && params.device) {
    const deviceId = params.device.id.toLowerCase();
    const held = rt.devices.get(deviceId, role);
    const paired = held?.tokenHash !== undefined && held.publicKey === params.device.publicKey;
    const { autoApproveWithSecret } = rt.pairing.settings;
    if (!approvesOnSecret({ autoApproveWithSecret, browser, local, paired })) {
      return { refusal: pairingRequired(rt, conn, params, role, scopes, held !== undefined) };
    }
  } else if (!params.device && browser && !local && !rt.pairing.settings.allowInsecureBrowserAuth) {
    return {
      refusal: {
        errorCode: 'GW_ERR_DEVICE_REQUIRED',
        message:
          'a browser on another machine must present a device identity and be approved by an operator; open the ' +
          'dashboard over https or from the gateway machine (or set gateway.controlUi.allowInsecureAuth: true)',
        close: CloseCode.policyViolation,
        reason: 'device identity required',
      },
    };
  }
  return { params, protocol, role, scopes, via };
}

/**
 * The scopes a device token (or an approval) grants this connect: asking for none means all it
 * was issued for; asking for more is refused.
 */
function grantedScopes(
  granted: Scope[],
  role: Role,
  asked: readonly string[] | undefined,
  requested: Scope[],
): { scopes: Scope[] } | { refusal: Refusal } {
  const scopes = role === 'operator' && !asked?.length ? [...granted] : requested;
  const beyond = scopes.filter((s) => !hasScope(granted, s));
  if (!beyond.length) return { scopes };
  return {
    refusal: {
      errorCode: 'GW_ERR_SCOPE_FORBIDDEN',
      message:
        `this device token was issued for ${granted.join(', ') || 'no scopes'} and cannot grant ` +
        `${beyond.join(', ')}; connect with the shared secret to be issued a token for more`,
      close: CloseCode.policyViolation,
      reason: 'device token scopes exceeded',
    },
  };
}

/** Record (or refresh) the device's pairing request and refuse the connect until an operator decides. */
function pairingRequired(
  rt: KernelRuntime,
  conn: ClientConnection,
  params: ConnectParams,
  role: Role,
  scopes: Scope[],
  pairedBefore: boolean,
): Refusal {
  const device = params.device!;
  const { request, created } = rt.pairing.request({
    deviceId: device.id.toLowerCase(),
    publicKey: device.publicKey,
    role,
    scopes,
    clientId: params.client.id,
    clientMode: params.client.mode,
    displayName: params.client.displayName,
    platform: params.client.platform || undefined,
    version: params.client.version || undefined,
    deviceFamily: params.client.deviceFamily,
    modelIdentifier: params.client.modelIdentifier,
    caps: role === 'node' ? (params.caps ?? []) : undefined,
    commands: role === 'node' ? (params.commands ?? []) : undefined,
    remoteIp: conn.peer.ip,
    browser: conn.peer.origin !== undefined,
    isRepair: pairedBefore,
  });
  if (created) rt.notify('pairing-requested', request);
  return {
    errorCode: 'GW_ERR_DEVICE_NOT_PAIRED',
    message:
      `pairing required: this device waits for an operator to approve request ${request.requestId} ` +
      `(moltbot devices approve ${request.requestId}); connect again once approved`,
    close: CloseCode.policyViolation,
    reason: 'pairing required',
    details: { requestId: request.requestId, deviceId: request.deviceId, expiresAtMs: request.expiresAtMs },
  };
}

function accept(rt: KernelRuntime, conn: ClientConnection, id: string, a: Accepted): void {
  const { params } = a;
  const caller: CallerInfo = {
    connId: conn.id,
    role: a.role,
    scopes: a.scopes,
    clientId: params.client.id,
    clientMode: params.client.mode,
    instanceId: params.client.instanceId,
    deviceId: params.device?.id.toLowerCase(),
    ip: conn.peer.ip,
    isLoopback: conn.peer.isLoopback,
  };
  conn.caller = caller;
  conn.state = 'ready';

  let auth: Record<string, unknown> | undefined;
  if (a.issued) {
    // An operator approved this device: its token is shown now, once.
    auth = { deviceToken: a.issued.token, role: a.role, scopes: a.issued.scopes, issuedAtMs: a.issued.issuedAtMs };
  } else if (params.device && a.via !== 'device-token') {
    // A device that proved the shared secret (or Tailscale identity) is approved and gets its
    // own token, so it can stop sending the shared secret; one it already holds stays valid
    // (clients keep theirs across such connects). See docs/protocol.md "Devices".
    const issued = rt.devices.approve({
      deviceId: caller.deviceId!,
      publicKey: params.device.publicKey,
      role: a.role,
      scopes: a.scopes,
      clientId: params.client.id,
      displayName: params.client.displayName,
    });
    auth = { deviceToken: issued.token, role: a.role, scopes: issued.scopes, issuedAtMs: issued.issuedAtMs };
    rt.pairing.forgetDevice(caller.deviceId!, a.role);
  }
  if (caller.deviceId) rt.devices.touch(caller.deviceId, a.role);
  conn.client = {
    connId: conn.id,
    caller,
    client: {
      id: params.client.id,
      version: params.client.version,
      platform: params.client.platform,
      mode: params.client.mode,
      displayName: params.client.displayName,
      instanceId: params.client.instanceId,
      deviceFamily: params.client.deviceFamily,
      modelIdentifier: params.client.modelIdentifier,
    },
    caps: params.caps ?? [],
    commands: params.commands ?? [],
    permissions: params.permissions ?? {},
    connectedAtMs: conn.connectedAt,
    reach: { host: conn.peer.headers.host, ip: conn.peer.ip, isLoopback: conn.peer.isLoopback },
  };

  conn.presenceKey = caller.deviceId ?? params.client.instanceId ?? conn.id;
  const joined = rt.presence.join(conn.presenceKey, conn.id, {
    host: params.client.displayName,
    ip: conn.peer.ip,
    version: params.client.version,
    platform: params.client.platform,
    deviceFamily: params.client.deviceFamily,
    modelIdentifier: params.client.modelIdentifier,
    mode: params.client.mode,
    reason: 'connect',
    ts: Date.now(),
    deviceId: caller.deviceId,
    roles: [a.role],
    scopes: a.scopes,
    instanceId: params.client.instanceId,
  });

  // Bump (and announce) before the snapshot, so hello-ok's stateVersion covers its own row.
  if (joined) rt.presenceAnnouncer.changed();
  const hello: Record<string, unknown> = {
    type: 'hello-ok',
    protocol: a.protocol,
    server: { version: rt.version, connId: conn.id, host: os.hostname() },
    features: { methods: rt.methods.names(), events: rt.broadcaster.eventNames() },
    snapshot: {
      // Capped like the `presence` event: the full list in every hello-ok made N connects cost
      // O(N²) bytes (5,000 clients: handshakes timed out). `system-presence` returns all rows.
      presence: rt.presence.list().slice(0, PRESENCE_EVENT_MAX_ROWS),
      health: rt.healthSnapshot(),
      stateVersion: { ...rt.broadcaster.stateVersion },
      uptimeMs: Date.now() - rt.startedAt,
      configPath: rt.paths.configPath,
      stateDir: rt.paths.stateDir,
      sessionDefaults: rt.sessionDefaults(),
    },
    policy: { maxPayload: MAX_PAYLOAD_BYTES, maxBufferedBytes: MAX_BUFFERED_BYTES, tickIntervalMs: rt.tickIntervalMs },
  };
  const canvas = helloField(rt, 'canvasHostUrl', conn);
  if (canvas) hello.canvasHostUrl = canvas;
  if (auth) hello.auth = auth;
  conn.sendFrame({ type: 'res', id, ok: true, payload: hello });
  rt.broadcaster.add(conn);
  rt.notify('client-connected', conn.client);
  rt.logger.debug(
    {
      connId: conn.id,
      client: untrustedText(params.client.id, 64),
      mode: untrustedText(params.client.mode, 32),
      role: a.role,
      via: a.via,
      protocol: a.protocol,
      ip: conn.peer.ip,
    },
    'client connected',
  );
}

function refuse(rt: KernelRuntime, conn: ClientConnection, id: string | undefined, r: Refusal): false {
  if (r.countIn) rt.limiter.recordFailure(r.countIn);
  if (id) {
    const refusal = kernelError(r.errorCode, r.message, {
      details: r.details,
      ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs, retryable: true } : {}),
    });
    conn.sendFrame({ type: 'res', id, ok: false, error: wireError(refusal).error });
  }
  rt.logger.warn(
    { connId: conn.id, ip: conn.peer.ip, origin: untrustedText(conn.peer.origin), code: r.errorCode, reason: r.reason },
    'connection refused',
  );
  conn.close(r.close, r.reason);
  return false;
}

/** The refusal for a shared secret that was missing, wrong, or not evaluated (over budget). */
function secretRefusal(
  rt: KernelRuntime,
  verdict: Exclude<CredentialVerdict, { ok: true }>,
  params: ConnectParams,
): Refusal {
  const field = rt.auth.mode === 'password' ? 'auth.password' : 'auth.token';
  if (verdict.reason === 'limited') {
    return {
      errorCode: 'GW_ERR_AUTH_RATE_LIMITED',
      message:
        `too many failed authentication attempts from this source; retry in ` +
        `${Math.ceil(verdict.retryAfterMs / 1000)} s (a paired device presenting its device token is not limited)`,
      close: CloseCode.policyViolation,
      reason: 'rate limited',
      retryAfterMs: verdict.retryAfterMs,
    };
  }
  if (verdict.reason === 'missing') {
    const other = rt.auth.mode === 'password' ? params.auth?.token : params.auth?.password;
    return {
      errorCode: 'GW_ERR_AUTH_REQUIRED',
      message: other
        ? `this gateway uses ${rt.auth.mode} auth: send the gateway ${rt.auth.mode} in connect.params.${field}`
        : `authentication required: send the gateway ${rt.auth.mode} in connect.params.${field} ` +
          "(the gateway's gateway.auth setting)",
      close: CloseCode.policyViolation,
      reason: 'auth required',
    };
  }
  return {
    errorCode: 'GW_ERR_AUTH_INVALID',
    message: `invalid ${rt.auth.mode}: the ${field} you sent does not match this gateway's`,
    close: CloseCode.policyViolation,
    reason: 'unauthorized',
  };
}

/** A plugin-contributed hello-ok field; a contributor that throws leaves the field out (logged). */
function helloField(rt: KernelRuntime, field: 'canvasHostUrl', conn: ClientConnection): string | undefined {
  const host = conn.peer.headers.host;
  try {
    return rt.helloField(field, { host, ip: conn.peer.ip, isLoopback: conn.peer.isLoopback });
  } catch (err) {
    rt.logger.error({ err, field }, 'hello-ok field contributor failed');
    return undefined;
  }
}
