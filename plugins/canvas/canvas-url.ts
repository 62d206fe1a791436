import type { HelloClient } from '../../sdk/index.js';

/**
 * The canvas host's base URL as one client can reach it (hello-ok.canvasHostUrl, and the pages
 * the canvas tool presents on a node): the name it dialled when the canvas listens on every
 * address; the bind address when it listens on one; a loopback-only canvas only for clients on
 * this machine (undefined for the others: they could not open it).
 */
export function canvasUrlFor(listenHost: string, port: number, client: HelloClient | undefined): string | undefined {
  const loopbackOnly = /^127\./.test(listenHost) || listenHost === '::1' || listenHost === 'localhost';
  if (loopbackOnly) return client?.isLoopback ? `http://${urlHost(listenHost)}:${port}` : undefined;
  if (listenHost !== '0.0.0.0' && listenHost !== '::') return `http://${urlHost(listenHost)}:${port}`;
  const dialled = client?.host ? hostnameOf(client.host) : undefined;
  return `http://${dialled ?? '127.0.0.1'}:${port}`;
}

export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}
