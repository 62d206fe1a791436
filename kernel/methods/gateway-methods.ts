import Type from 'typebox';
import type { CallerInfo, Scope } from '../../sdk/context.js';
import type { MethodRegistry } from '../bus/method-registry.js';
import { hasScope } from '../bus/scopes.js';
import { closeDeviceConnections } from '../connection/close-device.js';
import { kernelError } from '../errors.js';
import type { CoreMethodDeps } from './core-method-deps.js';

export function registerGatewayMethods(methods: MethodRegistry, deps: CoreMethodDeps): void {
  methods.register('kernel', 'gateway.restart', {
    scope: 'operator.admin',
    params: Type.Object({
      reason: Type.Optional(Type.String({ maxLength: 256 })),
      delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
    }),
    description: 'In-process restart: drain, shutdown event, close 1012, reload everything (same pid).',
    handler: (p) => ({
      ok: true,
      pid: process.pid,
      restartExpectedMs: deps.restart(p.reason ?? 'gateway.restart', p.delayMs ?? 0),
    }),
  });
  methods.register('kernel', 'plugins.list', {
    scope: 'operator.read',
    params: Type.Object({}),
    description: 'Every known plugin: id, version, generation, state, last error, load time.',
    handler: () => ({ plugins: deps.host.list() }),
  });
  methods.register('kernel', 'plugins.reload', {
    scope: 'operator.admin',
    params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
    description: 'Rebuild one plugin with its current config (a new generation; the old one drains).',
    handler: async (p) => ({ plugin: await deps.host.reload(p.id) }),
  });
  methods.register('kernel', 'device.token.rotate', {
    scope: 'operator.pairing',
    params: Type.Object(
      {
        deviceId: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        role: Type.Optional(Type.String()),
        /** The new token's scopes (default: the device's); at most what the caller holds. */
        scopes: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
      },
      { additionalProperties: false },
    ),
    description: 'Issue a new device token (the old one stops working).',
    handler: (p, call) => {
      assertOwnDeviceOrAdmin(p.deviceId, call.caller);
      const rt = deps.runtime();
      const role = p.role ?? 'operator';
      const rec = rt.devices.get(p.deviceId, role);
      if (!rec) throw kernelError('GW_ERR_NOT_FOUND', `no paired device ${p.deviceId} with role ${role}`);
      const scopes: string[] = p.scopes ?? rec.scopes;
      const beyond = scopes.filter((s) => !hasScope(call.caller.scopes, s as Scope));
      if (beyond.length)
        throw kernelError(
          'GW_ERR_SCOPE_FORBIDDEN',
          `a token cannot be given scopes this connection does not hold: ${beyond.join(', ')}`,
        );
      const issued = rt.devices.issue({
        deviceId: rec.deviceId,
        publicKey: rec.publicKey,
        role,
        scopes,
        clientId: rec.clientId,
        displayName: rec.displayName,
      });
      // `token`/`rotatedAtMs` are the names existing clients read; `deviceToken`/`issuedAtMs` ours.
      return {
        deviceId: rec.deviceId,
        role,
        scopes,
        deviceToken: issued.token,
        token: issued.token,
        issuedAtMs: issued.issuedAtMs,
        rotatedAtMs: issued.issuedAtMs,
      };
    },
  });
  methods.register('kernel', 'device.token.revoke', {
    scope: 'operator.pairing',
    params: Type.Object(
      { deviceId: Type.String({ pattern: '^[0-9a-f]{64}$' }), role: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    description: "Revoke a device token and close that device's open sockets (1008).",
    handler: (p, call) => {
      assertOwnDeviceOrAdmin(p.deviceId, call.caller);
      const rt = deps.runtime();
      const role = p.role ?? 'operator';
      const ok = rt.devices.revoke(p.deviceId, role);
      // Revoked means revoked now: the device's open sockets go too (1008), not at their next connect.
      if (ok) closeDeviceConnections(rt, p.deviceId, role, 'device token revoked', call.caller.connId);
      return { ok, deviceId: p.deviceId, role, ...(ok ? { revokedAtMs: Date.now() } : {}) };
    },
  });
}

/** A pairing-scoped client manages its own device's token; other devices' need operator.admin. */
function assertOwnDeviceOrAdmin(deviceId: string, caller: CallerInfo): void {
  if (caller.deviceId === deviceId || hasScope(caller.scopes, 'operator.admin')) return;
  throw kernelError(
    'GW_ERR_SCOPE_FORBIDDEN',
    `managing another device's token needs scope operator.admin; this connection may manage only its own device`,
  );
}
