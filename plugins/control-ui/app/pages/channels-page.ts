import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../components/qr-canvas.js';
import { count, dateTime, relativeTime } from '../format.js';
import type { ChannelAccount } from '../gateway/protocol-types.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText, notify } from '../notices.js';

interface ChannelInfo {
  label?: string;
  linked: boolean;
  accounts: ChannelAccount[];
  error?: string;
  capabilities?: { textLimit: number; media: boolean; groups: boolean };
  outbound: { pending: number; sent: number; dead: number };
}

interface DeadLetter {
  messageId: string;
  channel: string;
  accountId: string;
  to: string;
  attempts: number;
  error?: string;
  failedAt: number;
  preview: string;
}

interface PairingRequest {
  channel: string;
  accountId: string;
  code: string;
  senderId: string;
  senderName?: string;
  senderUsername?: string;
  createdAt: number;
  expiresAt: number;
}

interface ApprovedSender {
  channel: string;
  accountId: string;
  senderId: string;
  senderName?: string;
  senderUsername?: string;
  approvedAt: number;
}

interface LoginState {
  channel: string;
  accountId: string;
  status: 'starting' | 'qr' | 'linked' | 'failed';
  qr?: string;
  error?: string;
}

/** Channels and accounts, WhatsApp QR linking, dead letters, and DM pairing requests. */
@customElement('mb-channels-page')
export class ChannelsPage extends GatewayPage {
  @state() private channels: Record<string, ChannelInfo> = {};
  @state() private deadLetters: DeadLetter[] = [];
  @state() private requests: PairingRequest[] = [];
  @state() private approved: ApprovedSender[] = [];
  @state() private login?: LoginState;

  protected override subscribe(): void {
    this.listen('pairing.requested', () => void this.loadPairing());
    this.listen('pairing.resolved', () => void this.loadPairing());
    this.listen('health', () => void this.loadChannels());
    this.listen('channels.login', (f) => {
      const p = f.payload ?? {};
      if (!this.login || p.channel !== this.login.channel || p.accountId !== this.login.accountId) return;
      this.login = { ...this.login, status: p.status, qr: p.qr ?? this.login.qr, error: p.error };
    });
    this.every(15_000, () => void this.loadChannels());
  }

  protected override async load(): Promise<void> {
    await Promise.all([this.loadChannels(), this.loadPairing()]);
  }

  private async loadChannels(): Promise<void> {
    const r = await this.conn.request<{ channels: Record<string, ChannelInfo>; deadLetters: DeadLetter[] }>(
      'channels.status',
    );
    this.channels = r.channels;
    this.deadLetters = r.deadLetters;
  }

  private async loadPairing(): Promise<void> {
    if (!this.conn.hasMethod('pairing.list')) return;
    const [list, approved] = await Promise.all([
      this.conn.request<{ requests: PairingRequest[] }>('pairing.list'),
      this.conn.hasMethod('pairing.approved')
        ? this.conn.request<{ senders: ApprovedSender[] }>('pairing.approved')
        : Promise.resolve({ senders: [] }),
    ]);
    this.requests = list.requests;
    this.approved = approved.senders;
  }

  private async resolvePairing(r: PairingRequest, decision: 'approve' | 'reject'): Promise<void> {
    try {
      await this.conn.request(`pairing.${decision}`, { channel: r.channel, code: r.code });
      notify(
        decision === 'approve'
          ? `Approved ${senderName(r)}: they can talk to the agent now`
          : `Rejected the request of ${senderName(r)}`,
      );
    } catch (err) {
      notify(`Could not ${decision} ${r.code}: ${errorText(err)}`, 'error');
    }
    await this.loadPairing();
  }

  private async retry(d: DeadLetter): Promise<void> {
    try {
      await this.conn.request('channels.outbound.retry', { messageId: d.messageId });
      notify(`Message to ${d.to} is queued again`);
    } catch (err) {
      notify(`Could not retry: ${errorText(err)}`, 'error');
    }
    await this.loadChannels();
  }

  private async startLogin(channel: string, accountId: string): Promise<void> {
    this.login = { channel, accountId, status: 'starting' };
    try {
      await this.conn.request('channels.login', { channel, accountId, timeoutMs: 180_000 }, { timeoutMs: 190_000 });
      this.login = { channel, accountId, status: 'linked' };
      notify(`${channel} account ${accountId} is linked`);
    } catch (err) {
      this.login = { channel, accountId, status: 'failed', error: errorText(err) };
    }
    await this.loadChannels();
  }

  private async logout(channel: string, accountId: string): Promise<void> {
    try {
      await this.conn.request('channels.logout', { channel, accountId });
      notify(`${channel} account ${accountId} is logged out`);
    } catch (err) {
      notify(`Could not log out: ${errorText(err)}`, 'error');
    }
    await this.loadChannels();
  }

  override render() {
    const entries = Object.entries(this.channels);
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Channels</h1>
        <p class="muted">The chat accounts the gateway holds, what they last did, and who may talk to the agent.</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      ${
        entries.length === 0 && !this.loading
          ? html`<div class="empty"><p><strong>No channel is configured.</strong></p>
              <p>Telegram: create a bot with @BotFather and set <code>channels.telegram.botToken</code>.
                WhatsApp: add <code>channels.whatsapp: {}</code>, then link a phone here with a QR code.
                Both go in the Config page or <code>moltbot.json</code>.</p></div>`
          : entries.map(([id, c]) => this.renderChannel(id, c))
      }
      ${this.renderPairing()} ${this.renderDeadLetters()}
    </section>`;
  }

  private renderChannel(id: string, c: ChannelInfo) {
    const canLogin = id === 'whatsapp' && this.conn.hasMethod('channels.login');
    return html`<section class="card" aria-labelledby=${`ch-${id}`}>
      <header class="card-head">
        <h2 id=${`ch-${id}`}>${c.label ?? id}</h2>
        <span class=${`badge ${c.linked ? 'badge-ok' : 'badge-warn'}`}>${c.linked ? 'linked' : 'not linked'}</span>
        <span class="muted small">outbound: ${count(c.outbound.pending)} pending · ${count(c.outbound.sent)} sent ·
          ${count(c.outbound.dead)} dead</span>
      </header>
      ${c.error ? html`<p class="text-error">${c.error}</p>` : nothing}
      <div class="table-wrap"><table class="table stack">
        <thead><tr><th scope="col">Account</th><th scope="col">State</th><th scope="col">Identity</th>
          <th scope="col">Last in</th><th scope="col">Last out</th><th scope="col">Last error</th>
          ${canLogin ? html`<th scope="col"><span class="sr-only">Actions</span></th>` : nothing}</tr></thead>
        <tbody>${c.accounts.map(
          (a) => html`<tr>
            <th scope="row" data-label="Account">${a.accountId}</th>
            <td data-label="State"><span class=${`badge ${a.linked ? 'badge-ok' : 'badge-warn'}`}>${a.state}</span></td>
            <td data-label="Identity">${a.identity ?? html`<span class="muted">—</span>`}</td>
            <td data-label="Last in" title=${dateTime(a.lastInboundAt)}>${relativeTime(a.lastInboundAt)}</td>
            <td data-label="Last out" title=${dateTime(a.lastOutboundAt)}>${relativeTime(a.lastOutboundAt)}</td>
            <td data-label="Last error" class="small">${
              a.lastError
                ? html`<span class="text-error">${a.lastError}</span>${
                    a.hint
                      ? html`<br /><span class="fix">Fix:
                  ${a.hint}</span>`
                      : nothing
                  }`
                : html`<span class="muted">none</span>`
            }</td>
            ${
              canLogin
                ? html`<td data-label="Actions" class="actions">${
                    a.linked
                      ? html`<button type="button" class="danger-ghost"
                          @click=${() => void this.logout(id, a.accountId)}>Log out</button>`
                      : html`<button type="button" class="primary"
                          ?disabled=${this.login?.status === 'qr' || this.login?.status === 'starting'}
                          @click=${() => void this.startLogin(id, a.accountId)}>Link with QR code</button>`
                  }</td>`
                : nothing
            }
          </tr>`,
        )}</tbody>
      </table></div>
      ${this.login && this.login.channel === id ? this.renderLogin(this.login) : nothing}
    </section>`;
  }

  private renderLogin(l: LoginState) {
    return html`<div class="login-flow" aria-live="polite">
      ${l.status === 'starting' ? html`<p>Asking ${l.channel} for a QR code…</p>` : nothing}
      ${
        l.status === 'qr' && l.qr
          ? html`<div class="qr-box"><mb-qr-canvas .value=${l.qr} label="WhatsApp link QR code"></mb-qr-canvas>
              <ol><li>Open WhatsApp on your phone.</li><li>Settings → Linked devices → Link a device.</li>
                <li>Point the camera at this code. A fresh code replaces it every 20 s or so.</li></ol></div>`
          : nothing
      }
      ${l.status === 'linked' ? html`<p class="text-ok">Linked: account ${l.accountId} is ready.</p>` : nothing}
      ${
        l.status === 'failed'
          ? html`<p class="text-error">Linking failed: ${l.error ?? 'unknown error'}. Try again for a new code.</p>`
          : nothing
      }
    </div>`;
  }

  private renderPairing() {
    if (!this.conn.hasMethod('pairing.list')) return nothing;
    return html`<section class="card" aria-labelledby="pairing-title">
      <h2 id="pairing-title">Pairing requests</h2>
      <p class="muted small">Unknown people who messaged a bot with <code>dmPolicy: "pairing"</code> got a code; approve
        them here (or with <code>moltbot pairing approve &lt;channel&gt; &lt;code&gt;</code>).</p>
      ${
        this.requests.length === 0
          ? html`<p class="empty-inline">No one is waiting.</p>`
          : html`<ul class="rows">${this.requests.map(
              (r) => html`<li class="row" data-code=${r.code}>
                <span class="row-main"><strong>${senderName(r)}</strong>
                  ${r.senderUsername && r.senderName ? html`<span class="muted">@${r.senderUsername}</span>` : nothing}
                  <span class="muted">${r.channel} · ${r.accountId} · id ${r.senderId}</span>
                  <code>${r.code}</code> <span class="muted small">asked ${relativeTime(r.createdAt)}, expires
                    ${relativeTime(r.expiresAt)}</span></span>
                <span class="row-actions">
                  <button type="button" class="primary" aria-label=${`Approve ${senderName(r)}`} @click=${() =>
                    void this.resolvePairing(r, 'approve')}>Approve</button>
                  <button type="button" class="danger-ghost" aria-label=${`Reject ${senderName(r)}`} @click=${() =>
                    void this.resolvePairing(r, 'reject')}>Reject</button>
                </span>
              </li>`,
            )}</ul>`
      }
      <h3>Approved senders</h3>
      ${
        this.approved.length === 0
          ? html`<p class="empty-inline">Nobody approved through pairing yet.</p>`
          : html`<ul class="rows" aria-label="Approved senders">${this.approved.map(
              (a) => html`<li class="row"><span class="row-main"><strong>${senderName(a)}</strong>
                <span class="muted">${a.channel} · ${a.accountId} · id ${a.senderId}</span></span>
                <span class="badge badge-ok">allowed</span><span
                  class="muted small nowrap">${relativeTime(a.approvedAt)}</span></li>`,
            )}</ul>`
      }
    </section>`;
  }

  private renderDeadLetters() {
    if (this.deadLetters.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="dead-title">
      <h2 id="dead-title">Dead letters</h2>
      <p class="muted small">Replies that could not be delivered after every retry. Fix the cause, then retry.</p>
      <ul class="rows">${this.deadLetters.map(
        (d) => html`<li class="row"><span class="row-main"><strong>${d.channel}</strong> → ${d.to}
          <span class="muted">“${d.preview}”</span><br /><span class="text-error small">${d.error ?? ''}</span>
          <span class="muted small">(${d.attempts} attempts, ${relativeTime(d.failedAt)})</span></span>
          <button type="button" @click=${() => void this.retry(d)}>Retry</button></li>`,
      )}</ul>
    </section>`;
  }
}

function senderName(r: { senderName?: string; senderUsername?: string; senderId: string }): string {
  return r.senderName ?? (r.senderUsername ? `@${r.senderUsername}` : r.senderId);
}
