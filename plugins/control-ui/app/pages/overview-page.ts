import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { count, duration, relativeTime } from '../format.js';
import type { HealthSnapshot, PresenceEntry } from '../gateway/protocol-types.js';
import { GatewayPage } from '../gateway-page.js';
import { interceptLinkClick, pageHref } from '../router.js';
import { type LogEntry, parseLogLine } from './log-line.js';

interface StatusSummary {
  version: string;
  uptimeMs: number;
  port: number;
  bind: string;
  auth: { mode: string; source: string; allowTailscale?: boolean };
  configPath: string;
  stateDir: string;
  connections: number;
  agentQueueDepth: number;
  outbound?: { pending: number; deadLetters: number };
  errors: { config: number; plugins: number; deadLetters: number };
  configError?: { message: string; path?: string };
  channels: HealthSnapshot['channels'];
  plugins: Array<{ id: string; version?: string; state: string; enabled: boolean; lastError?: string }>;
}

/** Health, uptime, version, bind, auth, channels, plugins, live presence, queues, recent errors. */
@customElement('mb-overview-page')
export class OverviewPage extends GatewayPage {
  @state() private status?: StatusSummary;
  @state() private health?: HealthSnapshot;
  @state() private presence: PresenceEntry[] = [];
  @state() private errors: LogEntry[] = [];
  private statusAt = 0;

  protected override subscribe(): void {
    this.listen('presence', (f) => (this.presence = f.payload?.presence ?? this.presence));
    this.listen('health', (f) => {
      this.health = f.payload;
      void this.loadStatus();
    });
    this.every(10_000, () => void this.loadStatus());
  }

  protected override async load(): Promise<void> {
    const hello = this.conn.hello!;
    this.presence = hello.snapshot.presence;
    this.health = hello.snapshot.health;
    this.statusAt = Date.now();
    await Promise.all([this.loadStatus(), this.loadErrors()]);
  }

  private async loadStatus(): Promise<void> {
    this.status = await this.conn.request<StatusSummary>('status');
    this.statusAt = Date.now();
  }

  private async loadErrors(): Promise<void> {
    if (!this.conn.hasMethod('logs.tail')) return;
    const tail = await this.conn.request<{ lines: string[] }>('logs.tail', { limit: 1000 });
    this.errors = tail.lines
      .map(parseLogLine)
      .filter((e) => e.level >= 50)
      .slice(-6)
      .reverse();
  }

  override render() {
    const s = this.status;
    const h = this.health;
    const uptime = s ? s.uptimeMs + (Date.now() - this.statusAt) : undefined;
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Overview</h1>
        <p class="muted">${s ? html`Listening on <code>${s.bind}:${s.port}</code>` : 'Loading…'}</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      <div class="stats">
        ${stat('Health', h ? (h.ok ? 'OK' : 'Needs attention') : '—', h ? (h.ok ? 'ok' : 'error') : '')}
        ${stat('Uptime', duration(uptime))} ${stat('Version', s?.version ?? '—')}
        ${stat('Auth', s?.auth.mode ?? '—', '', s ? `secret from ${s.auth.source}` : undefined)}
        ${stat('Sessions', count(h?.sessions.count))} ${stat('Agent queue', count(s?.agentQueueDepth))}
        ${stat(
          'Outbound',
          s?.outbound ? `${count(s.outbound.pending)} pending` : '—',
          s?.outbound?.deadLetters ? 'warn' : '',
          s?.outbound ? `${count(s.outbound.deadLetters)} dead letters` : undefined,
        )}
        ${stat('Clients', count(s?.connections))}
      </div>
      <div class="grid-2">
        ${this.renderChannels()} ${this.renderErrors()} ${this.renderPresence()} ${this.renderPlugins()}
      </div>
    </section>`;
  }

  private renderChannels() {
    const channels = Object.entries(this.health?.channels ?? {});
    return html`<section class="card" aria-labelledby="ov-channels">
      <h2 id="ov-channels">Channels</h2>
      ${
        channels.length === 0
          ? html`<p class="empty-inline">No channel is configured. Add a Telegram bot token under
            <code>channels.telegram</code> or link WhatsApp under <code>channels.whatsapp</code>, in
            <a href=${pageHref('config')} @click=${(e: MouseEvent) => interceptLinkClick(e, 'config')}>Config</a>.</p>`
          : html`<ul class="rows">
            ${channels.flatMap(([id, c]) =>
              (c.accounts.length
                ? c.accounts
                : [{ accountId: '—', linked: c.linked, state: c.error ?? 'no account' }]
              ).map(
                (a) => html`<li class="row">
                  <span class="row-main"><strong>${id}</strong> <span class="muted">${a.accountId}</span>
                    ${'identity' in a && a.identity ? html`<span class="muted">· ${a.identity}</span>` : nothing}</span>
                  <span class=${`badge ${a.linked ? 'badge-ok' : 'badge-warn'}`}>${a.state}</span>
                </li>`,
              ),
            )}
          </ul>
          <p class="card-foot"><a href=${pageHref('channels')} @click=${(e: MouseEvent) =>
            interceptLinkClick(e, 'channels')}>Manage channels</a></p>`
      }
    </section>`;
  }

  private renderErrors() {
    const s = this.status;
    const failed = (s?.plugins ?? []).filter((p) => p.state === 'failed');
    const configError = s?.configError;
    const none = !configError && failed.length === 0 && this.errors.length === 0;
    return html`<section class="card" aria-labelledby="ov-errors">
      <h2 id="ov-errors">Recent errors</h2>
      ${
        none
          ? html`<p class="empty-inline">No errors: no failed plugin, no rejected config edit, nothing at
              error level in the recent log.</p>`
          : nothing
      }
      <ul class="rows">
        ${
          configError
            ? html`<li class="row row-error"><span class="row-main"><strong>Config edit rejected</strong>
          ${configError.path ? html`<code>${configError.path}</code>` : nothing} ${configError.message}</span></li>`
            : nothing
        }
        ${failed.map(
          (p) =>
            html`<li class="row row-error"><span class="row-main"><strong>Plugin ${p.id} failed</strong>
            ${p.lastError ?? ''}</span></li>`,
        )}
        ${this.errors.map(
          (e) => html`<li class="row"><span class="row-main"><span class="badge badge-error">${e.levelName}</span>
            ${e.plugin ? html`<strong>${e.plugin}</strong>` : nothing} ${e.msg}</span>
            <span class="muted nowrap">${relativeTime(e.time)}</span></li>`,
        )}
      </ul>
    </section>`;
  }

  private renderPresence() {
    return html`<section class="card" aria-labelledby="ov-presence">
      <h2 id="ov-presence">Presence <span class="muted small">(live)</span></h2>
      <ul class="rows">
        ${this.presence.map(
          (p) => html`<li class="row">
            <span class="row-main"><span class="badge">${p.mode ?? 'client'}</span>
              <strong>${p.host ?? p.ip ?? 'unknown'}</strong>
              <span class="muted">${[p.platform, p.version ? `v${p.version}` : ''].filter(Boolean).join(' · ')}</span>
              ${p.text ? html`<span class="muted">— ${p.text}</span>` : nothing}</span>
            <span class="muted nowrap">${relativeTime(p.ts)}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderPlugins() {
    const plugins = (this.status?.plugins ?? []).filter((p) => p.enabled || p.state === 'failed');
    return html`<section class="card" aria-labelledby="ov-plugins">
      <h2 id="ov-plugins">Plugins</h2>
      <ul class="chips">
        ${plugins.map(
          (p) => html`<li class=${`chip chip-${p.state === 'active' ? 'ok' : p.state === 'failed' ? 'error' : 'warn'}`}>
            ${p.id} <span class="muted">${p.version ?? ''}</span></li>`,
        )}
      </ul>
      <p class="card-foot"><a href=${pageHref('plugins')} @click=${(e: MouseEvent) =>
        interceptLinkClick(e, 'plugins')}>All plugins</a></p>
    </section>`;
  }
}

function stat(label: string, value: string, tone = '', sub?: string) {
  return html`<div class=${`stat ${tone ? `stat-${tone}` : ''}`}>
    <span class="stat-label">${label}</span><span class="stat-value">${value}</span>
    ${sub ? html`<span class="stat-sub">${sub}</span>` : nothing}
  </div>`;
}
