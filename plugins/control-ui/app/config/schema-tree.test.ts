import { describe, expect, it } from 'vitest';
import { applyMergePatch, combinedSchema, fieldKind, mergePatchOf } from './schema-tree.js';

describe('combinedSchema', () => {
  it('grafts each plugin part at its config keys, merging with the kernel part', () => {
    const kernel = {
      type: 'object',
      properties: {
        gateway: {
          type: 'object',
          properties: {
            controlUi: { type: 'object', properties: { allowedOrigins: { type: 'array' } } },
            http: { type: 'object', patternProperties: { '^.*$': {} } },
          },
        },
      },
    };
    const tree = combinedSchema(kernel, [
      {
        id: 'control-ui',
        keys: ['gateway.controlUi'],
        loaded: true,
        schema: { type: 'object', properties: { basePath: { type: 'string' } } },
      },
      {
        id: 'tools-invoke',
        keys: ['gateway.http.toolsInvoke'],
        loaded: true,
        schema: { type: 'object', properties: { allow: { type: 'array' } } },
      },
      {
        id: 'agent',
        keys: ['agents', 'models'],
        loaded: true,
        schema: {
          type: 'object',
          properties: { agents: { type: 'object', properties: { list: {} } }, models: { type: 'object' } },
        },
      },
    ]);
    const gw = tree.properties!.gateway!.properties!;
    expect(Object.keys(gw.controlUi!.properties!)).toEqual(['allowedOrigins', 'basePath']);
    expect(Object.keys(gw.http!.properties!)).toEqual(['toolsInvoke']);
    expect(fieldKind(gw.http!)).toBe('object');
    expect(Object.keys(tree.properties!)).toEqual(['gateway', 'agents', 'models']);
    expect(kernel.properties.gateway.properties.controlUi.properties).not.toHaveProperty('basePath');
  });
});

describe('merge patches', () => {
  it('builds an RFC 7396 patch from dotted edits (removal → null) and applies one', () => {
    const patch = mergePatchOf(
      new Map<string, unknown>([
        ['gateway.http.toolsInvoke.maxBodyBytes', 1024],
        ['gateway.reload.mode', undefined],
        ['logging.level', 'debug'],
      ]),
    );
    expect(patch).toEqual({
      gateway: { http: { toolsInvoke: { maxBodyBytes: 1024 } }, reload: { mode: null } },
      logging: { level: 'debug' },
    });
    expect(applyMergePatch({ gateway: { reload: { mode: 'hot', debounceMs: 5 } }, x: [1] }, patch)).toEqual({
      gateway: { reload: { debounceMs: 5 }, http: { toolsInvoke: { maxBodyBytes: 1024 } } },
      logging: { level: 'debug' },
      x: [1],
    });
  });
});
