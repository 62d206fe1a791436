import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { firstLine } from './browser-session.js';
import { browserError } from './errors.js';

const DEFAULT_SNAPSHOT_CHARS = 30_000;

/**
 * The page as the agent reads it: Playwright's accessibility snapshot in "ai" mode — a YAML-ish
 * tree of roles and names where every element that can be acted on carries `[ref=eN]`. Refs
 * stay the same for the same element across snapshots of one page; click/type/select take them.
 */
export async function snapshotPage(page: Page, maxChars = DEFAULT_SNAPSHOT_CHARS, timeoutMs = 15_000) {
  const text = await page.ariaSnapshot({ mode: 'ai', timeout: timeoutMs });
  const truncated = text.length > maxChars;
  return {
    url: page.url(),
    title: await page.title(),
    snapshot: truncated ? `${text.slice(0, maxChars)}\n… (truncated at ${maxChars} characters)` : text,
    truncated,
    refs: (text.match(/\[ref=[a-z0-9]+\]/g) ?? []).length,
  };
}

/** The element a ref names; a clear error when the latest snapshot has no such ref. */
export async function byRef(page: Page, ref: string, timeoutMs: number): Promise<Locator> {
  const clean = ref
    .replace(/^\[?ref=/, '')
    .replace(/\]$/, '')
    .replace(/^@/, '');
  if (!/^[a-z0-9]+$/i.test(clean))
    throw browserError('GW_ERR_BROWSER_BAD_REQUEST', `"${ref}" is not an element ref (like e12, from a snapshot)`);
  const locator = page.getByRef(clean);
  try {
    await locator.waitFor({ state: 'attached', timeout: Math.min(timeoutMs, 5000) });
  } catch (err) {
    throw browserError(
      'GW_ERR_BROWSER_REF_NOT_FOUND',
      `no element ${clean} on the page: take a new snapshot and use a ref from it ` +
        `(${firstLine((err as Error).message)})`,
      { cause: err },
    );
  }
  return locator;
}

/** Run a Playwright action, turning its errors into GW_ERR_BROWSER_ACTION_FAILED with the first line. */
export async function act<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('GW_ERR_')) throw err;
    throw browserError('GW_ERR_BROWSER_ACTION_FAILED', `${what} failed: ${firstLine((err as Error).message)}`, {
      cause: err,
    });
  }
}

/** Write a capture under `<state>/media/browser/` (where the message tool may send it from). */
export function saveCapture(stateDir: string, bytes: Buffer, ext: 'png' | 'pdf'): string {
  const dir = path.join(stateDir, 'media', 'browser');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(3).toString('hex')}.${ext}`,
  );
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  return file;
}
