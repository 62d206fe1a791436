import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserError } from './errors.js';
import { checkNavigation, type NavigationPolicy } from './navigation-policy.js';

export interface TabInfo {
  targetId: string;
  title: string;
  url: string;
  type: 'page';
  active: boolean;
}

/**
 * A playwright-core connection to one profile's browser over CDP (`connectOverCDP`, never a
 * bundled browser). Tabs are named by their CDP target id; the active tab is the one last
 * opened or focused, and actions without a targetId use it. Every request the browser makes
 * goes through the navigation policy (a page's redirect or script cannot steer it into the
 * gateway either).
 */
export class BrowserSession {
  private readonly ids = new WeakMap<Page, string>();
  private activeId?: string;

  private constructor(
    readonly browser: Browser,
    private readonly context: BrowserContext,
  ) {}

  static async connect(
    cdpUrl: string,
    policy: () => NavigationPolicy,
    options: { headers?: Record<string, string>; timeoutMs: number },
  ): Promise<BrowserSession> {
    // Loaded on first use: playwright-core is large, and most gateway starts never drive a browser.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.connectOverCDP(cdpUrl, { headers: options.headers, timeout: options.timeoutMs });
    const context = browser.contexts()[0] ?? (await browser.newContext());
    await context.route('**/*', async (route) => {
      const request = route.request();
      const verdict = await checkNavigation(request.url(), policy(), { navigation: request.isNavigationRequest() });
      if (verdict.ok) return route.continue().catch(() => undefined);
      return route.abort('blockedbyclient').catch(() => undefined);
    });
    return new BrowserSession(browser, context);
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  async tabs(): Promise<TabInfo[]> {
    const out: TabInfo[] = [];
    for (const page of this.context.pages()) {
      const targetId = await this.idOf(page);
      out.push({ targetId, title: await page.title().catch(() => ''), url: page.url(), type: 'page', active: false });
    }
    const active = out.find((t) => t.targetId === this.activeId) ?? out.at(-1);
    if (active) active.active = true;
    return out;
  }

  async open(url: string): Promise<Page> {
    const page = await this.context.newPage();
    this.activeId = await this.idOf(page);
    if (url !== 'about:blank') await this.goto(page, url);
    return page;
  }

  async focus(targetId: string): Promise<Page> {
    const page = await this.page(targetId);
    await page.bringToFront();
    this.activeId = targetId;
    return page;
  }

  async close(targetId?: string): Promise<string> {
    const page = await this.page(targetId);
    const id = await this.idOf(page);
    await page.close();
    if (this.activeId === id) this.activeId = undefined;
    return id;
  }

  /** The tab named by targetId, else the active one (opening a blank tab when there is none). */
  async page(targetId?: string): Promise<Page> {
    const pages = this.context.pages();
    if (targetId !== undefined) {
      for (const p of pages) if ((await this.idOf(p)) === targetId) return p;
      throw browserError('GW_ERR_BROWSER_TAB_NOT_FOUND', `no tab ${targetId} (moltbot browser tabs lists them)`);
    }
    for (const p of pages) if (this.activeId !== undefined && (await this.idOf(p)) === this.activeId) return p;
    const last = pages.at(-1);
    if (last) {
      this.activeId = await this.idOf(last);
      return last;
    }
    return this.open('about:blank');
  }

  async idOf(page: Page): Promise<string> {
    let id = this.ids.get(page);
    if (!id) {
      const session = await this.context.newCDPSession(page);
      try {
        const info = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
        id = info.targetInfo.targetId;
      } finally {
        await session.detach().catch(() => undefined);
      }
      this.ids.set(page, id);
    }
    return id;
  }

  async goto(page: Page, url: string): Promise<void> {
    try {
      await page.goto(url, { waitUntil: 'load' });
    } catch (err) {
      const message = (err as Error).message;
      if (/ERR_BLOCKED_BY_CLIENT/.test(message))
        throw browserError(
          'GW_ERR_BROWSER_NAVIGATION_BLOCKED',
          `navigation to ${url} was blocked by the navigation policy`,
        );
      throw browserError('GW_ERR_BROWSER_ACTION_FAILED', `could not load ${url}: ${firstLine(message)}`, {
        cause: err,
      });
    }
  }

  /** Drop the CDP connection (the browser keeps running). */
  async disconnect(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}

export function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 300);
}
