import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GatewayError, KERNEL_ERRORS, kernelError } from './errors.js';
import { wireError } from './wire-error.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/reference/errors.md');

/** Rows of the "Kernel codes" table: | `GW_ERR_X` | `WIRE` | status | meaning | fix | */
function documentedCodes(): Map<string, { wire: string; status: number; meaning: string; fix: string }> {
  const rows = new Map<string, { wire: string; status: number; meaning: string; fix: string }>();
  for (const line of fs.readFileSync(DOC, 'utf8').split('\n')) {
    const m = /^\|\s*`(GW_ERR_[A-Z0-9_]+)`\s*\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|(.*)\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    expect(rows.has(m[1]!), `${m[1]} documented twice`).toBe(false);
    rows.set(m[1]!, { wire: m[2]!, status: Number(m[3]), meaning: m[4]!.trim(), fix: m[5]!.trim() });
  }
  return rows;
}

describe('error registry ↔ docs/reference/errors.md', () => {
  const documented = documentedCodes();

  it('every registry code is documented with its wire code, HTTP status, meaning and fix', () => {
    for (const [code, spec] of Object.entries(KERNEL_ERRORS)) {
      const row = documented.get(code);
      expect(row, `${code} is missing from docs/reference/errors.md`).toBeDefined();
      expect(row!.wire, code).toBe(spec.wire);
      expect(row!.status, code).toBe(spec.status);
      expect(row!.meaning.length, `${code} meaning`).toBeGreaterThan(10);
      expect(row!.fix.length, `${code} fix`).toBeGreaterThan(5);
    }
  });

  it('no documented code that the registry does not have', () => {
    const extra = [...documented.keys()].filter((c) => !(c in KERNEL_ERRORS));
    expect(extra).toEqual([]);
  });

  it("includes the plugin host's GW_ERR_PLUGIN_* codes", () => {
    const pluginCodes = Object.keys(KERNEL_ERRORS).filter((c) => c.startsWith('GW_ERR_PLUGIN_'));
    expect(pluginCodes.length).toBeGreaterThanOrEqual(5);
    for (const c of pluginCodes) expect(documented.has(c)).toBe(true);
  });

  it('codes are upper-case GW_ERR_… names', () => {
    for (const code of Object.keys(KERNEL_ERRORS)) expect(code).toMatch(/^GW_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/);
  });
});

describe('wire shape', () => {
  it('a kernel error crosses the wire as {code: wire, message, details.errorCode}, never a stack', () => {
    const { status, error: wire } = wireError(
      kernelError('GW_ERR_DRAINING', 'restarting', { retryable: true, retryAfterMs: 1000, details: { extra: 1 } }),
    );
    expect(status).toBe(503);
    expect(wire).toEqual({
      code: 'UNAVAILABLE',
      message: 'restarting',
      details: { errorCode: 'GW_ERR_DRAINING', extra: 1 },
      retryable: true,
      retryAfterMs: 1000,
    });
    expect(JSON.stringify(wire)).not.toContain('at ');
  });

  it('an unknown error becomes INTERNAL "internal error" without its message', () => {
    expect(wireError(new Error('/secret/path leaked'))).toEqual({
      status: 500,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
    expect(wireError('a string').error).toEqual({ code: 'INTERNAL', message: 'internal error' });
  });

  it("Fastify's client errors get kernel codes: 413 body too large, 415 media type", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(wireError(tooLarge)).toEqual({
      status: 413,
      error: {
        code: 'INVALID_REQUEST',
        message: 'Request body is too large',
        details: { errorCode: 'GW_ERR_HTTP_BODY_TOO_LARGE' },
      },
    });
    const media = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 });
    expect(wireError(media).error.details).toEqual({ errorCode: 'GW_ERR_HTTP_MEDIA_TYPE' });
  });

  it('registry codes carry their wire code and HTTP status', () => {
    const e = new GatewayError('GW_ERR_CONFIG_CONFLICT', 'stale');
    expect([e.wire, e.status]).toEqual(['INVALID_REQUEST', 409]);
  });
});
