import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { watch } from 'chokidar';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';

export const LIVE_RELOAD_PATH = '/__moltbot__/ws';
/** What a page receives when a file in the canvas changed. */
export const RELOAD_MESSAGE = 'reload';
const DEBOUNCE_MS = 75;

/**
 * Live reload: chokidar watches the canvas root, and every connected page gets "reload" over the
 * WebSocket at /__moltbot__/ws (debounced: an editor's save burst is one reload).
 */
export class LiveReload {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly clients = new Set<WebSocket>();
  private readonly watcher;
  private readonly scanned: Promise<void>;
  private debounce?: NodeJS.Timeout;
  private closed = false;

  constructor(root: string, logger: Logger) {
    this.watcher = watch(root, {
      ignoreInitial: true,
      ignored: (p: string) => /(^|[\\/])\.[^\\/]/.test(p.slice(root.length)) || /[\\/]node_modules([\\/]|$)/.test(p),
      awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 },
      // Symlinks out of the root are never served, and a link back up would loop.
      followSymlinks: false,
    });
    this.scanned = new Promise((resolve) => {
      this.watcher.once('ready', () => resolve());
      this.watcher.once('error', () => resolve());
    });
    this.watcher.on('all', () => this.schedule());
    this.watcher.on('error', (err) => {
      // A root too large for inotify: say how to fix it rather than crash.
      logger.error(
        { err },
        'canvas watcher failed; live reload is off (set canvasHost.liveReload false or a smaller root)',
      );
      void this.watcher.close();
    });
  }

  /** Resolves once the watcher has scanned the root (changes after this are reported). */
  ready(): Promise<void> {
    return this.scanned;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (this.closed) return ws.terminate();
      this.clients.add(ws);
      ws.on('close', () => this.clients.delete(ws));
      ws.on('error', () => ws.terminate());
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.debounce);
    await this.watcher.close();
    for (const ws of this.clients) ws.close(1001, 'canvas host stopping');
    this.wss.close();
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      for (const ws of this.clients) if (ws.readyState === ws.OPEN) ws.send(RELOAD_MESSAGE);
    }, DEBOUNCE_MS);
  }
}

/**
 * The client side: a tiny script, injected before </body>, that reloads on "reload" and
 * reconnects (backing off to 10 s) when the canvas host restarts or reloads.
 */
export function injectLiveReload(html: string): string {
  const script =
    '<script>(()=>{let d=500;const c=()=>{try{const p=location.protocol==="https:"?"wss":"ws";' +
    `const ws=new WebSocket(p+"://"+location.host+${JSON.stringify(LIVE_RELOAD_PATH)});` +
    'ws.onopen=()=>{d=500};' +
    `ws.onmessage=(e)=>{if(String(e.data)===${JSON.stringify(RELOAD_MESSAGE)})location.reload()};` +
    'ws.onclose=()=>{setTimeout(c,d);d=Math.min(d*2,10000)};}catch{}};c();})();</script>';
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at >= 0 ? `${html.slice(0, at)}${script}\n${html.slice(at)}` : `${html}\n${script}\n`;
}
