import crypto from 'node:crypto';
import zlib from 'node:zlib';

/** The HTML shell for one base path, kept in memory in each encoding we offer. */
export interface RenderedShell {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export function renderShell(template: string, basePath: string): RenderedShell {
  const html = template.replaceAll('%BASE%', basePath);
  const identity = Buffer.from(html, 'utf8');
  return {
    etag: `"${crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    identity,
    gzip: zlib.gzipSync(identity, { level: 9 }),
    br: zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

/** The best encoding the client accepts: brotli, then gzip, else none (q=0 means refused). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}
