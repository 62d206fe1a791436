import Type from 'typebox';
import type { MethodRegistry } from '../bus/method-registry.js';
import type { CoreMethodDeps } from './core-method-deps.js';

/** Characters of a system-event text kept in the caller's presence row. */
export const PRESENCE_TEXT_MAX = 1024;

export function registerSystemMethods(methods: MethodRegistry, deps: CoreMethodDeps): void {
  methods.register('kernel', 'health', {
    scope: 'operator.read',
    params: Type.Object({ probe: Type.Optional(Type.Boolean()) }),
    description: 'Health snapshot: ok, per-plugin and per-channel state.',
    handler: () => deps.health(),
  });
  methods.register('kernel', 'status', {
    scope: 'operator.read',
    params: Type.Object({}),
    description: 'Short status summary.',
    handler: () => deps.status(),
  });
  methods.register('kernel', 'system-presence', {
    scope: 'operator.read',
    params: Type.Object({}),
    description: 'Presence list: one entry per connected device/instance.',
    handler: () => deps.runtime().presence.list(),
  });
  methods.register('kernel', 'system-event', {
    scope: 'operator.write',
    params: Type.Object(
      {
        text: Type.String({ minLength: 1, maxLength: 65536 }),
        mode: Type.Optional(Type.String({ maxLength: 32 })),
        reason: Type.Optional(Type.String({ maxLength: 256 })),
        lastInputSeconds: Type.Optional(Type.Number({ minimum: 0 })),
        tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
        deviceFamily: Type.Optional(Type.String({ maxLength: 128 })),
        modelIdentifier: Type.Optional(Type.String({ maxLength: 128 })),
        platform: Type.Optional(Type.String({ maxLength: 64 })),
        version: Type.Optional(Type.String({ maxLength: 64 })),
        host: Type.Optional(Type.String({ maxLength: 256 })),
        instanceId: Type.Optional(Type.String({ maxLength: 256 })),
      },
      { additionalProperties: true },
    ),
    description: 'Post a system note: updates the caller presence row and wakes interested plugins (the agent).',
    handler: (params, call) => {
      const rt = deps.runtime();
      const key = call.caller.deviceId ?? call.caller.instanceId ?? call.caller.connId;
      const { text, reason, lastInputSeconds, tags, mode, deviceFamily, modelIdentifier, platform, version, host } =
        params;
      rt.presence.update(key, {
        // The full text goes to plugins below; presence rows travel to every client on every
        // change, so they carry only a status line's worth of it.
        text: text.length > PRESENCE_TEXT_MAX ? `${text.slice(0, PRESENCE_TEXT_MAX - 1)}…` : text,
        reason: reason ?? 'system-event',
        ...(lastInputSeconds !== undefined ? { lastInputSeconds } : {}),
        ...(tags ? { tags } : {}),
        ...(mode ? { mode } : {}),
        ...(deviceFamily ? { deviceFamily } : {}),
        ...(modelIdentifier ? { modelIdentifier } : {}),
        ...(platform ? { platform } : {}),
        ...(version ? { version } : {}),
        ...(host ? { host } : {}),
      });
      rt.presenceAnnouncer.changed();
      deps.registries.internal.emit('system-event', { ...params, caller: call.caller });
      return { ok: true };
    },
  });
}
