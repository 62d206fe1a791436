import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PageSlug } from '../page-slugs.js';
import {
  deviceIdentityUnavailableReason,
  forgetDeviceToken,
  loadDeviceIdentity,
  loadDeviceToken,
} from './gateway/device-identity.js';
import { type Credentials, GatewayConnection } from './gateway/gateway-connection.js';
import type { ErrorShape } from './gateway/protocol-types.js';
import { forgetToken, rememberedToken, rememberToken, takeTokenFromFragment } from './gateway/stored-credentials.js';
import { LightElement } from './light-element.js';
import type { Notice } from './notices.js';
import { PAGES, type PageSpec, pageAvailable } from './pages/page-registry.js';
import { currentSlug, interceptLinkClick, pageHref } from './router.js';

/** The gateway's WebSocket is at `/` of the origin the page came from, whatever the base path. */
function gatewayUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/`;
}

/**
 * The whole dashboard: the login form until a connect succeeds, then the frame (brand,
 * connection status, navigation) around the current page.
 */
@customElement('mb-app')
export class AppRoot extends LightElement {
  @state() private conn?: GatewayConnection;
  @state() private slug: PageSlug = currentSlug();
  @state() private signedIn = false;
  @state() private authMode: 'token' | 'password' = 'token';
  @state() private submitting = false;
  @state() private notices: Notice[] = [];
  @state() private now = Date.now();
  @state() private navOpen = false;
  private deviceNote?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', () => (this.slug = currentSlug()));
    window.addEventListener('mb-navigate', () => {
      this.slug = currentSlug();
      this.navOpen = false;
      this.notices = [];
      this.querySelector<HTMLElement>('main h1')?.focus();
    });
    window.addEventListener('mb-notice', (ev) => this.addNotice((ev as CustomEvent<Notice>).detail));
    window.setInterval(() => (this.now = Date.now()), 1000);
    void this.boot();
  }

  private async boot(): Promise<void> {
    const fragmentToken = takeTokenFromFragment();
    const device = loadDeviceIdentity();
    void device.then((d) => {
      this.deviceNote = d ? undefined : deviceIdentityUnavailableReason();
    });
    const conn = new GatewayConnection(gatewayUrl(), device);
    conn.addEventListener('state', () => {
      if (conn.state === 'connected') this.signedIn = true;
      if (conn.state === 'failed' || conn.state === 'idle') this.signedIn = false;
      if (conn.state !== 'connecting') this.submitting = false;
      this.requestUpdate();
    });
    this.conn = conn;
    const token = fragmentToken ?? rememberedToken();
    const deviceToken = token ? undefined : await loadDeviceToken();
    if (token || deviceToken) {
      this.submitting = true;
      conn.start({ token }, deviceToken);
    }
  }

  private addNotice(n: Notice): void {
    this.notices = [...this.notices.slice(-3), n];
    window.setTimeout(
      () => (this.notices = this.notices.filter((x) => x.id !== n.id)),
      n.kind === 'error' ? 9000 : 5000,
    );
  }

  private onLogin(ev: SubmitEvent): void {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    const value = (new FormData(form).get('secret') as string | null)?.trim() ?? '';
    if (!value) return;
    const creds: Credentials = this.authMode === 'token' ? { token: value } : { password: value };
    if (creds.token) rememberToken(creds.token);
    else forgetToken();
    this.submitting = true;
    this.conn!.start(creds);
  }

  private async signOut(): Promise<void> {
    const conn = this.conn!;
    const deviceId = conn.hello ? (await loadDeviceIdentity())?.id : undefined;
    // Revoke this browser's device token on the gateway too, so a copy of it is worthless.
    if (deviceId && conn.hasMethod('device.token.revoke'))
      await conn.request('device.token.revoke', { deviceId }).catch(() => undefined);
    conn.stop();
    forgetToken();
    await forgetDeviceToken();
    this.signedIn = false;
  }

  override render() {
    if (!this.conn) return html`<div class="boot" aria-busy="true">Loading…</div>`;
    return html`${this.signedIn ? this.renderFrame(this.conn) : this.renderLogin(this.conn)}
      <div class="notices" aria-live="polite">
        ${this.notices.map((n) => html`<p class="notice notice-${n.kind}">${n.text}</p>`)}
      </div>`;
  }

  private renderLogin(conn: GatewayConnection) {
    const error = conn.state === 'failed' ? conn.lastError : undefined;
    const label = this.authMode === 'token' ? 'Gateway token' : 'Gateway password';
    return html`<main class="login" id="main">
      <section class="login-card" aria-labelledby="login-title">
        <div class="brand brand-large">${logo()} Moltbot Gateway</div>
        <h1 id="login-title">Sign in to the dashboard</h1>
        ${error ? html`<div class="alert alert-error" role="alert">${loginErrorText(error)}</div>` : nothing}
        <form @submit=${this.onLogin} autocomplete="off">
          <label for="secret">${label}</label>
          ${
            this.authMode === 'token'
              ? html`<input id="secret" name="secret" type="text" class="secret-text" spellcheck="false"
                  autocapitalize="off" autocomplete="off" required />`
              : html`<input id="secret" name="secret" type="password" autocomplete="current-password" required />`
          }
          <button type="submit" class="primary" ?disabled=${this.submitting}>
            ${this.submitting ? 'Connecting…' : 'Connect'}
          </button>
        </form>
        <button type="button" class="link" @click=${() =>
          (this.authMode = this.authMode === 'token' ? 'password' : 'token')}>
          ${this.authMode === 'token' ? 'The gateway uses a password' : 'The gateway uses a token'}
        </button>
        <div class="help">
          <h2>Where is the token?</h2>
          <p>On the machine running the gateway, run <code>moltbot dashboard</code>: it prints a link that signs
            you in (and opens it). The token itself is <code>gateway.auth.token</code> in
            <code>~/.clawdbot/moltbot.json</code> (<code>moltbot config get gateway.auth.token</code>).</p>
          <p>The token stays in this tab only; a password is never stored.
            ${this.deviceNote ? html`<br /><strong>No device identity:</strong> ${this.deviceNote}.` : nothing}</p>
        </div>
      </section>
    </main>`;
  }

  private renderFrame(conn: GatewayConnection) {
    const pages = PAGES.filter((p) => pageAvailable(p, conn));
    // A page path the server knows but this build has no page for (a newer server, an older app).
    const page = PAGES.find((p) => p.slug === this.slug) ?? {
      slug: this.slug,
      title: this.slug.charAt(0).toUpperCase() + this.slug.slice(1),
      requires: [`${this.slug.replace(/s$/, '')}.list`],
      providedBy: this.slug,
      render: () => html``,
    };
    return html`<div class="frame">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <a class="brand" href=${pageHref('overview')} @click=${(e: MouseEvent) => interceptLinkClick(e, 'overview')}>
          ${logo()}<span>Moltbot</span>
        </a>
        ${this.renderStatus(conn)}
        <span class="topbar-meta">${conn.hello?.server.host ?? ''} · v${conn.hello?.server.version ?? '?'}</span>
        <button type="button" class="ghost nav-toggle" aria-expanded=${this.navOpen ? 'true' : 'false'}
          aria-controls="main-nav" @click=${() => (this.navOpen = !this.navOpen)}>Menu</button>
        <button type="button" class="ghost sign-out" @click=${() => void this.signOut()}>Sign out</button>
      </header>
      <nav id="main-nav" class=${this.navOpen ? 'sidebar open' : 'sidebar'} aria-label="Main">
        <ul>
          ${pages.map(
            (p) => html`<li>
              <a href=${pageHref(p.slug)} aria-current=${p.slug === this.slug ? 'page' : 'false'}
                @click=${(e: MouseEvent) => interceptLinkClick(e, p.slug)}>${p.title}</a>
            </li>`,
          )}
          <li class="nav-sign-out"><button type="button" class="ghost" @click=${() => void this.signOut()}>Sign
            out</button></li>
        </ul>
      </nav>
      <main id="main" class="content" tabindex="-1">
        ${pageAvailable(page, conn) ? page.render(conn) : this.renderMissing(page)}
      </main>
    </div>`;
  }

  private renderStatus(conn: GatewayConnection) {
    let text = 'Connected';
    let cls = 'ok';
    if (conn.state === 'reconnecting') {
      const wait = conn.nextAttemptAt ? Math.max(0, Math.ceil((conn.nextAttemptAt - this.now) / 1000)) : 0;
      text = wait > 0 ? `Reconnecting in ${wait} s…` : 'Reconnecting…';
      cls = 'warn';
    } else if (conn.state === 'connecting') {
      text = 'Connecting…';
      cls = 'warn';
    } else if (conn.state !== 'connected') {
      text = 'Disconnected';
      cls = 'error';
    }
    const why = conn.state === 'reconnecting' ? conn.lastError?.message : undefined;
    return html`<span class="conn conn-${cls}" title=${why ?? ''}>
      <span class="dot" aria-hidden="true"></span><span role="status">${text}</span>
    </span>`;
  }

  private renderMissing(page: PageSpec) {
    return html`<section class="page">
      <h1 tabindex="-1">${page.title}</h1>
      <div class="empty">
        <p>This page needs the <strong>${page.providedBy}</strong> plugin, which is not loaded on this gateway
          (its methods ${page.requires.map((m) => html`<code>${m}</code> `)}are missing).</p>
        <p><a href=${pageHref('plugins')} @click=${(e: MouseEvent) => interceptLinkClick(e, 'plugins')}>See the
          plugins</a> and their errors.</p>
      </div>
    </section>`;
  }
}

/** The brand mark: the favicon the shell links (its hashed URL is only known to the shell). */
function logo() {
  const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '';
  return html`<img class="logo" src=${href} alt="" width="28" height="28" />`;
}

/** A refused connect in words a user can act on. */
function loginErrorText(error: ErrorShape): string {
  const code = error.details?.errorCode;
  if (code === 'GW_ERR_AUTH_INVALID')
    return (
      `That secret is not this gateway's (${error.message}). ` +
      'Run "moltbot dashboard" on the gateway machine for a link with the right token.'
    );
  if (code === 'GW_ERR_AUTH_REQUIRED') return `The gateway needs its token or password (${error.message}).`;
  if (error.code === 'RATE_LIMITED') {
    const wait = Math.ceil((error.retryAfterMs ?? 60_000) / 1000);
    return `Too many failed attempts from here: wait ${wait} s, then try again.`;
  }
  return error.message;
}
