import { NodeCommandError } from './node-command-error.js';

/** The canvas commands a headless runner offers (Moltbot's names; no A2UI: our canvas host serves none). */
export const CANVAS_COMMANDS = [
  'canvas.present',
  'canvas.hide',
  'canvas.navigate',
  'canvas.eval',
  'canvas.snapshot',
] as const;

export type CanvasCommand = (typeof CANVAS_COMMANDS)[number];

/** Where the canvas files live on the canvas host (PROTOCOL.md "Other ports"). */
export const CANVAS_PATH = '/__moltbot__/canvas/';

export interface Viewport {
  width: number;
  height: number;
}

export interface SnapshotParams {
  format: 'png' | 'jpeg';
  /** JPEG quality 1-100 (callers may send 0-1, as phone apps take it). */
  quality?: number;
  maxWidth?: number;
}

/** Which pages the runner's canvas may load: the canvas host's origin, plus `--canvas-allow-origin`s. */
export interface CanvasUrlPolicy {
  /** `hello-ok.canvasHostUrl` of the gateway this runner is connected to. */
  hostUrl: string;
  /** Extra origins (`https://example.com`), or `*` for any http(s) page. */
  allowOrigins: readonly string[];
}

function record(raw: unknown, command: string): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new NodeCommandError('INVALID_REQUEST', `${command} params must be an object`);
  return raw as Record<string, unknown>;
}

function optionalString(p: Record<string, unknown>, key: string, command: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !v.trim())
    throw new NodeCommandError('INVALID_REQUEST', `${command}: ${key} must be a non-empty string`);
  return v.trim();
}

function optionalNumber(p: Record<string, unknown>, key: string, command: string, min: number, max: number) {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    throw new NodeCommandError('INVALID_REQUEST', `${command}: ${key} must be a number from ${min} to ${max}`);
  return v;
}

/**
 * `canvas.present {url?, placement?: {x?, y?, width?, height?}}`. A headless page has no window
 * to place: width/height size its viewport, x/y are accepted and ignored.
 */
export function parsePresent(raw: unknown): { url?: string; viewport?: Partial<Viewport> } {
  const p = record(raw, 'canvas.present');
  const url = optionalString(p, 'url', 'canvas.present');
  const placement = record(p.placement, 'canvas.present placement');
  const width = optionalNumber(placement, 'width', 'canvas.present placement', 1, 100_000);
  const height = optionalNumber(placement, 'height', 'canvas.present placement', 1, 100_000);
  optionalNumber(placement, 'x', 'canvas.present placement', -100_000, 100_000);
  optionalNumber(placement, 'y', 'canvas.present placement', -100_000, 100_000);
  const viewport = width !== undefined || height !== undefined ? { width, height } : undefined;
  return { url, viewport };
}

/** `canvas.navigate {url}`. */
export function parseNavigate(raw: unknown): { url: string } {
  const url = optionalString(record(raw, 'canvas.navigate'), 'url', 'canvas.navigate');
  if (!url) throw new NodeCommandError('INVALID_REQUEST', 'canvas.navigate needs url');
  return { url };
}

/** `canvas.eval {javaScript}` (`js` and `script` accepted too: some apps send those). */
export function parseEval(raw: unknown): { javaScript: string } {
  const p = record(raw, 'canvas.eval');
  const js = p.javaScript ?? p.js ?? p.script;
  if (typeof js !== 'string' || !js.trim())
    throw new NodeCommandError('INVALID_REQUEST', 'canvas.eval needs javaScript: the script to run in the page');
  if (js.length > 1_000_000) throw new NodeCommandError('INVALID_REQUEST', 'canvas.eval: javaScript is over 1 MB');
  return { javaScript: js };
}

/** `canvas.snapshot {format?: png|jpeg|jpg, quality?, maxWidth?}`. */
export function parseSnapshot(raw: unknown): SnapshotParams {
  const p = record(raw, 'canvas.snapshot');
  const f = optionalString(p, 'format', 'canvas.snapshot')?.toLowerCase() ?? 'png';
  if (f !== 'png' && f !== 'jpeg' && f !== 'jpg')
    throw new NodeCommandError('INVALID_REQUEST', `canvas.snapshot: format "${f}" is not png or jpeg`);
  const q = optionalNumber(p, 'quality', 'canvas.snapshot', 0, 100);
  const maxWidth = optionalNumber(p, 'maxWidth', 'canvas.snapshot', 16, 100_000);
  const quality = q === undefined ? undefined : Math.max(1, Math.round(q <= 1 ? q * 100 : q));
  return { format: f === 'png' ? 'png' : 'jpeg', quality, maxWidth };
}

/**
 * A URL the canvas may open: absolute http(s), or a path resolved on the canvas host (`/x`
 * from its root, `page.html` inside the canvas folder); no `url` is the canvas folder itself.
 * Any other scheme (file:, javascript:, chrome:, data:) is refused, and so is an origin the
 * policy does not list — the agent must not steer a machine's browser into its own network.
 */
export function canvasUrl(raw: string | undefined, policy: CanvasUrlPolicy): URL {
  const base = new URL(CANVAS_PATH, policy.hostUrl);
  let url: URL;
  try {
    url = raw === undefined ? base : new URL(raw, base);
  } catch {
    throw new NodeCommandError('INVALID_REQUEST', `"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new NodeCommandError('INVALID_REQUEST', `the canvas opens http(s) pages only, not ${url.protocol} URLs`);
  if (!originAllowed(url, policy))
    throw new NodeCommandError(
      'FORBIDDEN',
      `${url.origin} is not the canvas host (${base.origin}); this node opens other sites only when started ` +
        `with --canvas-allow-origin ${url.origin}`,
    );
  return url;
}

export function originAllowed(url: URL, policy: CanvasUrlPolicy): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.origin === new URL(policy.hostUrl).origin) return true;
  return policy.allowOrigins.some((o) => o === '*' || normalizeOrigin(o) === url.origin);
}

/** `--canvas-allow-origin` as given (`https://example.com/`, `HTTPS://Example.com`) → an origin. */
export function normalizeOrigin(raw: string): string {
  if (raw === '*') return raw;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    return u.origin;
  } catch {
    throw new NodeCommandError('INVALID_REQUEST', `"${raw}" is not an http(s) origin such as https://example.com`);
  }
}

/** A viewport size clamped to what a headless page can render. */
export function clampViewport(v: Partial<Viewport>, current: Viewport): Viewport {
  const clamp = (n: number | undefined, fallback: number) =>
    n === undefined ? fallback : Math.min(4096, Math.max(100, Math.round(n)));
  return { width: clamp(v.width, current.width), height: clamp(v.height, current.height) };
}
