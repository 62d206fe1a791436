import fs from 'node:fs';
import type { Logger } from 'pino';
import { ActionArgs } from './action-args.js';
import type { BrowserProfile, BrowserProfiles } from './browser-profiles.js';
import { BrowserSession } from './browser-session.js';
import { findChromium } from './chromium-executable.js';
import { ChromiumProcess, portAnswers } from './chromium-process.js';
import type { BrowserConfig } from './config-schema.js';
import { browserError } from './errors.js';
import { checkNavigation, type NavigationPolicy } from './navigation-policy.js';
import { act, byRef, saveCapture, snapshotPage } from './page-actions.js';

export const BROWSER_ACTIONS = [
  'status',
  'start',
  'stop',
  'profiles',
  'create-profile',
  'delete-profile',
  'tabs',
  'open',
  'focus',
  'close',
  'navigate',
  'snapshot',
  'screenshot',
  'pdf',
  'click',
  'type',
  'select',
  'press',
  'act',
] as const;
export type BrowserAction = (typeof BROWSER_ACTIONS)[number];

const MAX_INLINE_BYTES = 8 * 1024 * 1024;

interface ProfileRuntime {
  process: ChromiumProcess;
  session?: BrowserSession;
  /** Start/stop of one profile run one at a time. */
  queue: Promise<unknown>;
}

export interface ControllerDeps {
  config: BrowserConfig;
  profiles: BrowserProfiles;
  logger: Logger;
  stateDir: string;
  policy: () => NavigationPolicy;
  /** Header a `chrome` (extension) profile presents to the relay's /cdp. */
  relayHeaders: () => Record<string, string>;
}

/**
 * The one implementation of browser control: the HTTP control service, the `browser.request`
 * WS method, the agent's `browser` tool and the CLI all call `run(profile, action, args)`.
 */
export class BrowserController {
  private readonly runtimes = new Map<string, ProfileRuntime>();
  private closed = false;

  constructor(private readonly deps: ControllerDeps) {}

  async run(profileName: string | undefined, action: string, rawArgs: Record<string, unknown> = {}): Promise<unknown> {
    if (this.closed) throw browserError('GW_ERR_BROWSER_NOT_RUNNING', 'the browser plugin is stopping');
    if (!(BROWSER_ACTIONS as readonly string[]).includes(action))
      throw browserError(
        'GW_ERR_BROWSER_BAD_REQUEST',
        `unknown browser action "${action}": use one of ${BROWSER_ACTIONS.join(', ')}`,
      );
    if (action === 'act') return this.runAct(profileName, rawArgs);
    const args = new ActionArgs(action, rawArgs);
    if (action === 'profiles')
      return { profiles: await Promise.all((await this.deps.profiles.list()).map((p) => this.describe(p))) };
    if (action === 'create-profile') return this.createProfile(args);
    if (action === 'delete-profile') return this.deleteProfile(args);
    const profile = await this.deps.profiles.get(profileName ?? this.deps.config.defaultProfile);
    switch (action as BrowserAction) {
      case 'status':
        return this.status(profile);
      case 'start': {
        await this.session(profile);
        return { ok: true, ...(await this.status(profile)) };
      }
      case 'stop':
        return { ok: true, profile: profile.name, stopped: await this.stop(profile) };
      case 'tabs': {
        const session = await this.connectedSession(profile);
        return { running: session !== undefined, tabs: session ? await session.tabs() : [] };
      }
      case 'open': {
        const url = await this.allowedUrl(args.string('url'));
        const session = await this.session(profile);
        const page = await session.open(url);
        await this.afterNavigation(page, session);
        return { ok: true, targetId: await session.idOf(page), url: page.url(), title: await page.title() };
      }
      case 'focus': {
        const session = await this.session(profile);
        const page = await session.focus(args.string('targetId'));
        return { ok: true, targetId: await session.idOf(page), url: page.url() };
      }
      case 'close': {
        const session = await this.session(profile);
        return { ok: true, targetId: await session.close(args.optionalString('targetId')) };
      }
      case 'navigate': {
        const url = await this.allowedUrl(args.string('url'));
        const session = await this.session(profile);
        const page = await session.page(args.optionalString('targetId'));
        await session.goto(page, url);
        await this.afterNavigation(page, session);
        return { ok: true, targetId: await session.idOf(page), url: page.url(), title: await page.title() };
      }
      case 'snapshot': {
        const session = await this.session(profile);
        const page = await session.page(args.optionalString('targetId'));
        const maxChars = args.optionalInteger('maxChars', 1000, 500_000);
        const snap = await act('snapshot', () => snapshotPage(page, maxChars, this.deps.config.actionTimeoutMs));
        return { ok: true, targetId: await session.idOf(page), ...snap };
      }
      case 'screenshot':
        return this.screenshot(profile, args);
      case 'pdf': {
        const session = await this.session(profile);
        const page = await session.page(args.optionalString('targetId'));
        const bytes = await act('pdf (works in headless mode only)', () => page.pdf({ printBackground: true }));
        const file = saveCapture(this.deps.stateDir, bytes, 'pdf');
        return { ok: true, targetId: await session.idOf(page), url: page.url(), path: file, bytes: bytes.length };
      }
      case 'click':
      case 'type':
      case 'select':
      case 'press':
        return this.interact(profile, action as 'click' | 'type' | 'select' | 'press', args);
      default:
        throw browserError('GW_ERR_BROWSER_BAD_REQUEST', `unknown browser action "${action}"`);
    }
  }

  /** Stop every browser this generation launched (the lease's disposer). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(
      [...this.runtimes.values()].map(async (rt) => {
        await rt.session?.disconnect();
        await rt.process.stop();
      }),
    );
  }

  /** `act {kind, …}` as the original tool sends it: the same as click/type/select/press. */
  private runAct(profile: string | undefined, raw: Record<string, unknown>): Promise<unknown> {
    const { kind, ...rest } = raw;
    if (kind !== 'click' && kind !== 'type' && kind !== 'select' && kind !== 'press')
      throw browserError('GW_ERR_BROWSER_BAD_REQUEST', 'browser act needs args.kind: click, type, select or press');
    return this.run(profile, kind, rest);
  }

  private async interact(profile: BrowserProfile, action: 'click' | 'type' | 'select' | 'press', args: ActionArgs) {
    const session = await this.session(profile);
    const page = await session.page(args.optionalString('targetId'));
    const timeout = this.deps.config.actionTimeoutMs;
    const targetId = await session.idOf(page);
    if (action === 'press') {
      const key = args.string('key');
      await act(`press ${key}`, () => page.keyboard.press(key));
      return { ok: true, targetId };
    }
    const ref = args.string('ref');
    const element = await byRef(page, ref, timeout);
    if (action === 'click') {
      const doubleClick = args.optionalBoolean('doubleClick') === true;
      await act(`click ${ref}`, () => (doubleClick ? element.dblclick({ timeout }) : element.click({ timeout })));
    } else if (action === 'type') {
      const text = args.optionalString('text');
      if (text === undefined) throw browserError('GW_ERR_BROWSER_BAD_REQUEST', 'browser type needs args.text');
      const slowly = args.optionalBoolean('slowly') === true;
      await act(`type into ${ref}`, () =>
        slowly ? element.pressSequentially(text, { timeout }) : element.fill(text, { timeout }),
      );
      if (args.optionalBoolean('submit') === true) await act('submit', () => element.press('Enter', { timeout }));
    } else {
      const values = args.strings('values');
      await act(`select in ${ref}`, () => element.selectOption(values, { timeout }));
    }
    // A click may navigate; let the page settle so the next snapshot sees the result.
    await page.waitForLoadState('domcontentloaded', { timeout }).catch(() => undefined);
    return { ok: true, targetId, url: page.url() };
  }

  private async screenshot(profile: BrowserProfile, args: ActionArgs) {
    const session = await this.session(profile);
    const page = await session.page(args.optionalString('targetId'));
    const ref = args.optionalString('ref');
    const fullPage = args.optionalBoolean('fullPage') === true;
    const timeout = this.deps.config.actionTimeoutMs;
    const bytes = ref
      ? await act('element screenshot', async () =>
          (await byRef(page, ref, timeout)).screenshot({ type: 'png', timeout }),
        )
      : await act('screenshot', () => page.screenshot({ type: 'png', fullPage, timeout }));
    const file = saveCapture(this.deps.stateDir, bytes, 'png');
    const out: Record<string, unknown> = {
      ok: true,
      targetId: await session.idOf(page),
      url: page.url(),
      path: file,
      contentType: 'image/png',
      bytes: bytes.length,
    };
    if (args.optionalBoolean('inline') === true) {
      if (bytes.length > MAX_INLINE_BYTES)
        throw browserError('GW_ERR_BROWSER_BAD_REQUEST', `screenshot is ${bytes.length} bytes, over the inline limit`);
      out.data = bytes.toString('base64');
    }
    return out;
  }

  private async createProfile(args: ActionArgs) {
    const profile = await this.deps.profiles.create({
      name: args.string('name'),
      color: args.optionalString('color'),
      cdpPort: args.optionalInteger('cdpPort', 1, 65535),
    });
    return { ok: true, profile: await this.describe(profile) };
  }

  private async deleteProfile(args: ActionArgs) {
    const name = args.string('name');
    const profile = await this.deps.profiles.delete(name);
    const stopped = await this.stop(profile);
    this.runtimes.delete(name);
    fs.rmSync(profile.userDataDir.replace(/\/user-data$/, ''), { recursive: true, force: true });
    return { ok: true, deleted: name, stopped };
  }

  private async status(profile: BrowserProfile) {
    const rt = this.runtimes.get(profile.name);
    const state = rt?.process.status ?? { state: 'stopped' as const };
    const cdpReady = await portAnswers(profile.cdpPort);
    let executablePath: string | null = null;
    let detectError: string | null = null;
    if (profile.launchable) {
      try {
        executablePath = findChromium(this.deps.config.executablePath);
      } catch (err) {
        detectError = (err as Error).message;
      }
    }
    return {
      enabled: true,
      profile: profile.name,
      driver: profile.driver,
      running: rt?.session?.connected === true || state.state === 'running',
      cdpReady,
      pid: 'pid' in state ? state.pid : null,
      process: state,
      cdpPort: profile.cdpPort,
      cdpUrl: profile.cdpUrl,
      color: profile.color,
      userDataDir: profile.launchable ? profile.userDataDir : null,
      executablePath,
      detectError,
      headless: this.headless,
      noSandbox: this.deps.config.noSandbox,
      attachOnly: this.deps.config.attachOnly,
    };
  }

  private async describe(p: BrowserProfile) {
    const rt = this.runtimes.get(p.name);
    return {
      name: p.name,
      driver: p.driver,
      cdpPort: p.cdpPort,
      cdpUrl: p.cdpUrl,
      color: p.color,
      source: p.source,
      default: p.name === this.deps.config.defaultProfile,
      running: rt?.session?.connected === true || rt?.process.running === true,
    };
  }

  private get headless(): boolean {
    if (this.deps.config.headless !== undefined) return this.deps.config.headless;
    return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  }

  private runtime(name: string): ProfileRuntime {
    let rt = this.runtimes.get(name);
    if (!rt) {
      rt = { process: new ChromiumProcess(this.deps.logger.child({ browserProfile: name })), queue: Promise.resolve() };
      this.runtimes.set(name, rt);
    }
    return rt;
  }

  private serialized<T>(rt: ProfileRuntime, fn: () => Promise<T>): Promise<T> {
    const next = rt.queue.then(fn, fn);
    rt.queue = next.catch(() => undefined);
    return next;
  }

  /** The profile's session, launching its Chromium first when it is ours to launch. */
  private session(profile: BrowserProfile): Promise<BrowserSession> {
    const rt = this.runtime(profile.name);
    return this.serialized(rt, async () => {
      if (rt.session?.connected) return rt.session;
      if (profile.driver === 'clawd' && profile.launchable && !this.deps.config.attachOnly && !rt.process.running) {
        if (process.getuid?.() === 0 && !this.deps.config.noSandbox)
          throw browserError(
            'GW_ERR_BROWSER_SANDBOX',
            'Chromium cannot use its sandbox when the gateway runs as root: ' +
              'set browser.noSandbox to true (or run the gateway as a normal user)',
          );
        await rt.process.start({
          executablePath: findChromium(this.deps.config.executablePath),
          cdpPort: profile.cdpPort,
          userDataDir: profile.userDataDir,
          headless: this.headless,
          noSandbox: this.deps.config.noSandbox,
          startTimeoutMs: this.deps.config.startTimeoutMs,
        });
      }
      try {
        rt.session = await BrowserSession.connect(profile.cdpUrl, this.deps.policy, {
          headers: profile.driver === 'extension' ? this.deps.relayHeaders() : undefined,
          timeoutMs: this.deps.config.startTimeoutMs,
        });
      } catch (err) {
        if (profile.driver === 'extension')
          throw browserError(
            'GW_ERR_BROWSER_RELAY_UNAVAILABLE',
            `profile ${profile.name} uses the Chrome extension relay, and no extension is connected to it`,
            { cause: err },
          );
        throw browserError(
          'GW_ERR_BROWSER_NOT_RUNNING',
          `no browser answers on ${profile.cdpUrl} for profile ${profile.name}` +
            (this.deps.config.attachOnly ? ' (browser.attachOnly: start it yourself)' : ''),
          { cause: err },
        );
      }
      return rt.session;
    });
  }

  /** The session if the browser is up (without launching one). */
  private async connectedSession(profile: BrowserProfile): Promise<BrowserSession | undefined> {
    const rt = this.runtimes.get(profile.name);
    if (rt?.session?.connected) return rt.session;
    if (!(await portAnswers(profile.cdpPort))) return undefined;
    return this.session(profile).catch(() => undefined);
  }

  private stop(profile: BrowserProfile): Promise<boolean> {
    const rt = this.runtime(profile.name);
    return this.serialized(rt, async () => {
      const hadSession = rt.session !== undefined;
      await rt.session?.disconnect();
      rt.session = undefined;
      const killed = await rt.process.stop();
      // A profile we attach to (cdpUrl, relay) is "stopped" by letting go of it; its browser keeps running.
      return killed || (hadSession && !profile.launchable);
    });
  }

  private async allowedUrl(url: string): Promise<string> {
    const verdict = await checkNavigation(url, this.deps.policy(), { navigation: true });
    if (!verdict.ok) throw browserError('GW_ERR_BROWSER_NAVIGATION_BLOCKED', `navigation refused: ${verdict.reason}`);
    return url;
  }

  /** Where a redirect ended counts too: a refused end is left for about:blank. */
  private async afterNavigation(page: import('playwright-core').Page, session: BrowserSession): Promise<void> {
    const verdict = await checkNavigation(page.url(), this.deps.policy(), { navigation: true });
    if (verdict.ok) return;
    await page.goto('about:blank').catch(() => undefined);
    throw browserError(
      'GW_ERR_BROWSER_NAVIGATION_BLOCKED',
      `navigation ended on a refused address (${verdict.reason}); tab ${await session.idOf(page)} is blank`,
    );
  }
}
