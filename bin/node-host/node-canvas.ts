import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import {
  type CanvasCommand,
  type CanvasUrlPolicy,
  canvasUrl,
  clampViewport,
  originAllowed,
  parseEval,
  parseNavigate,
  parsePresent,
  parseSnapshot,
  type SnapshotParams,
  type Viewport,
} from './canvas-params.js';
import { NodeCommandError } from './node-command-error.js';

export interface NodeCanvasOptions {
  chromiumPath: string;
  /** `--canvas-allow-origin`: origins besides the canvas host's that pages may open (`*`: any). */
  allowOrigins: readonly string[];
  viewport?: Viewport;
  say(line: string): void;
}

export interface CanvasCallLimits {
  /** The gateway's wait for this answer: a command must end before it. */
  timeoutMs: number;
  /** Bytes a snapshot's image may take so the answer still fits in one frame. */
  imageBudgetBytes: number;
}

const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 800 };

/**
 * The headless runner's screen: one Chromium page (playwright-core driving the machine's own
 * Chromium, never a downloaded one) showing canvas pages. Chromium starts on the first
 * present/navigate and is closed by hide, so an idle node holds no browser. Top-level
 * navigations are held to the canvas host's origin (plus `--canvas-allow-origin`), including
 * ones a page or an eval starts itself.
 */
export class NodeCanvas {
  private hostUrl?: string;
  private browser?: Browser;
  private context?: BrowserContext;
  private page?: Page;
  private viewport: Viewport;
  /** Serializes commands: a present while a navigate is under way waits for it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: NodeCanvasOptions) {
    this.viewport = o.viewport ?? DEFAULT_VIEWPORT;
  }

  /** The gateway's canvas host (hello-ok.canvasHostUrl), or undefined when it has none for us. */
  setHost(url: string | undefined): void {
    this.hostUrl = url;
  }

  get showing(): string | undefined {
    return this.page && !this.page.isClosed() ? this.page.url() : undefined;
  }

  execute(command: CanvasCommand, params: unknown, limits: CanvasCallLimits): Promise<unknown> {
    const run = this.queue.then(() => this.run(command, params, limits));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Close the page and Chromium (runner stopping). */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = this.context = this.page = undefined;
    await browser?.close().catch(() => undefined);
  }

  private async run(command: CanvasCommand, params: unknown, limits: CanvasCallLimits): Promise<unknown> {
    switch (command) {
      case 'canvas.present': {
        const p = parsePresent(params);
        if (p.viewport) this.viewport = clampViewport(p.viewport, this.viewport);
        // Present without a url keeps what is showing (or opens the canvas folder).
        const keep = p.url === undefined && this.showing !== undefined && this.showing !== 'about:blank';
        if (keep) {
          await this.page!.setViewportSize(this.viewport);
          return { ok: true, url: this.showing, title: await this.page!.title() };
        }
        return this.open(p.url, limits);
      }
      case 'canvas.navigate':
        return this.open(parseNavigate(params).url, limits);
      case 'canvas.hide': {
        const was = this.showing;
        await this.close();
        return { ok: true, hidden: was !== undefined };
      }
      case 'canvas.eval':
        return this.evaluate(parseEval(params).javaScript, limits);
      case 'canvas.snapshot':
        return this.snapshot(parseSnapshot(params), limits);
    }
  }

  private policy(): CanvasUrlPolicy {
    if (!this.hostUrl)
      throw new NodeCommandError(
        'UNAVAILABLE',
        'the gateway advertises no canvas host to this node (canvasHost is off)',
      );
    return { hostUrl: this.hostUrl, allowOrigins: this.o.allowOrigins };
  }

  private async open(raw: string | undefined, limits: CanvasCallLimits) {
    const url = canvasUrl(raw, this.policy());
    const page = await this.ensurePage();
    await page.setViewportSize(this.viewport);
    let response: Awaited<ReturnType<Page['goto']>>;
    try {
      response = await page.goto(url.href, { waitUntil: 'load', timeout: Math.max(1000, limits.timeoutMs - 1000) });
    } catch (err) {
      throw new NodeCommandError('UNAVAILABLE', `the canvas could not open ${url.href}: ${firstLine(err)}`);
    }
    // The URL without a one-time canvas token (the canvas host trades it for a cookie and redirects).
    return { ok: true, url: page.url(), status: response?.status() ?? null, title: await page.title() };
  }

  private async evaluate(javaScript: string, limits: CanvasCallLimits) {
    const page = this.requirePage('canvas.eval');
    const timeoutMs = Math.max(500, limits.timeoutMs - 1000);
    const TIMED_OUT = Symbol('timed out');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    let value: unknown;
    try {
      value = await Promise.race([page.evaluate(javaScript), timedOut]);
    } catch (err) {
      throw new NodeCommandError('INVALID_REQUEST', `canvas.eval: the script threw: ${firstLine(err)}`);
    } finally {
      clearTimeout(timer);
    }
    if (value === TIMED_OUT) {
      // A script that never ends blocks the page for every later command: close it.
      await this.close();
      throw new NodeCommandError(
        'UNAVAILABLE',
        `canvas.eval did not finish in ${timeoutMs} ms; the page was closed (present it again)`,
      );
    }
    return { result: typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined') };
  }

  /**
   * A capture of the viewport through CDP (which scales, unlike page.screenshot): no wider than
   * `maxWidth`, and smaller still when the image would not fit in the answer's frame.
   */
  private async snapshot(p: SnapshotParams, limits: CanvasCallLimits) {
    const page = this.requirePage('canvas.snapshot');
    const { width, height } = page.viewportSize() ?? this.viewport;
    let scale = p.maxWidth && p.maxWidth < width ? p.maxWidth / width : 1;
    const cdp = await page.context().newCDPSession(page);
    try {
      for (let attempt = 0; attempt < 8; attempt++) {
        const { data } = (await cdp.send('Page.captureScreenshot', {
          format: p.format,
          quality: p.format === 'jpeg' ? (p.quality ?? 85) : undefined,
          clip: { x: 0, y: 0, width, height, scale },
        })) as { data: string };
        const bytes = Math.floor((data.length * 3) / 4);
        if (bytes <= limits.imageBudgetBytes)
          return {
            format: p.format,
            base64: data,
            width: Math.round(width * scale),
            height: Math.round(height * scale),
          };
        scale *= 0.7;
      }
    } finally {
      await cdp.detach().catch(() => undefined);
    }
    throw new NodeCommandError(
      'UNAVAILABLE',
      'canvas.snapshot: the image does not fit in one answer; ask for a smaller maxWidth',
    );
  }

  private requirePage(command: string): Page {
    if (!this.page || this.page.isClosed())
      throw new NodeCommandError('UNAVAILABLE', `${command}: no canvas is showing on this node; canvas.present first`);
    return this.page;
  }

  private async ensurePage(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    if (!this.browser?.isConnected()) {
      const { chromium } = await import('playwright-core');
      try {
        this.browser = await chromium.launch({
          executablePath: this.o.chromiumPath,
          headless: true,
          // Chromium refuses its sandbox to root; a node runner in a container often is root.
          chromiumSandbox: process.getuid?.() !== 0,
          args: [
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        });
      } catch (err) {
        throw new NodeCommandError('UNAVAILABLE', `Chromium (${this.o.chromiumPath}) did not start: ${firstLine(err)}`);
      }
      this.browser.on('disconnected', () => {
        this.browser = this.context = this.page = undefined;
      });
      this.o.say(`canvas: Chromium started (${this.o.chromiumPath})`);
    }
    await this.context?.close().catch(() => undefined); // a crashed page's context
    this.context = await this.browser!.newContext({ viewport: this.viewport });
    // Whatever starts a top-level navigation (present, a link, location= in an eval), it stays
    // on the canvas host (and --canvas-allow-origin); subresources load as the page asks.
    await this.context.route('**/*', (route) => {
      const req = route.request();
      if (isTopLevelNavigation(req) && !safeAllowed(req.url(), this.hostUrl, this.o.allowOrigins)) {
        this.o.say(`canvas: refused navigation to ${req.url().slice(0, 200)}`);
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    this.page = await this.context.newPage();
    return this.page;
  }
}

function isTopLevelNavigation(req: Request): boolean {
  if (!req.isNavigationRequest()) return false;
  try {
    return req.frame() === req.frame().page().mainFrame();
  } catch {
    return true; // no frame to tell by (a service worker's request): judge it like a navigation
  }
}

function safeAllowed(raw: string, hostUrl: string | undefined, allowOrigins: readonly string[]): boolean {
  if (!hostUrl) return false;
  try {
    return originAllowed(new URL(raw), { hostUrl, allowOrigins });
  } catch {
    return false;
  }
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err)
    .split('\n')[0]!
    .slice(0, 300);
}
