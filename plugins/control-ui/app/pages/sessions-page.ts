import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { count, dateTime, relativeTime } from '../format.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText, notify } from '../notices.js';

interface SessionEntry {
  key: string;
  sessionId: string;
  agentId: string;
  label?: string;
  model?: string;
  channel?: string;
  createdAt: number;
  updatedAt: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  messageCount: number;
  running: boolean;
  queued: number;
}

/** Sessions with model, token counts and last activity; reset, delete, per-session model. */
@customElement('mb-sessions-page')
export class SessionsPage extends GatewayPage {
  @state() private sessions: SessionEntry[] = [];
  @state() private search = '';
  @state() private editing?: string;
  @state() private confirming?: { key: string; action: 'reset' | 'delete' };
  @state() private models: string[] = [];
  @state() private mainKey = '';

  protected override subscribe(): void {
    this.listen('chat', (f) => {
      if (f.payload?.state !== 'delta') void this.loadSessions();
    });
  }

  protected override async load(): Promise<void> {
    this.mainKey = this.conn.hello?.snapshot.sessionDefaults?.mainSessionKey ?? 'agent:main:main';
    await Promise.all([this.loadSessions(), this.loadModels()]);
  }

  private async loadSessions(): Promise<void> {
    const search = this.search.trim();
    const r = await this.conn.request<{ sessions: SessionEntry[] }>('sessions.list', {
      limit: 500,
      ...(search ? { search } : {}),
    });
    this.sessions = r.sessions;
  }

  /** Model refs the config names (`<provider>/<model>`), offered when changing a session's model. */
  private async loadModels(): Promise<void> {
    if (!this.conn.hasMethod('config.get')) return;
    const { config } = await this.conn.request<{ config: any }>('config.get');
    const refs: string[] = [];
    for (const [name, p] of Object.entries<any>(config?.models?.providers ?? {}))
      for (const m of Array.isArray(p?.models) ? p.models : []) if (m?.id) refs.push(`${name}/${m.id}`);
    this.models = refs;
  }

  private async act(key: string, action: 'reset' | 'delete'): Promise<void> {
    this.confirming = undefined;
    try {
      await this.conn.request(`sessions.${action}`, { key });
      notify(action === 'reset' ? `Reset ${key}: it starts afresh` : `Deleted ${key}`);
      await this.loadSessions();
    } catch (err) {
      notify(`Could not ${action} ${key}: ${errorText(err)}`, 'error');
    }
  }

  private async saveModel(ev: SubmitEvent, key: string): Promise<void> {
    ev.preventDefault();
    const value = (new FormData(ev.target as HTMLFormElement).get('model') as string).trim();
    try {
      await this.conn.request('sessions.patch', { key, model: value === '' ? null : value });
      notify(value ? `${key} now uses ${value}` : `${key} uses the agent's default model again`);
      this.editing = undefined;
      await this.loadSessions();
    } catch (err) {
      notify(`Could not change the model: ${errorText(err)}`, 'error');
    }
  }

  override render() {
    return html`<section class="page">
      <header class="page-head">
        <h1 tabindex="-1">Sessions</h1>
        <p class="muted">Each conversation the agent keeps: who it is with, the model, tokens used.</p>
      </header>
      <form class="toolbar" role="search" @submit=${(e: Event) => {
        e.preventDefault();
        void this.loadSessions();
      }}>
        <label class="field-inline grow">Search
          <input type="search" .value=${this.search} placeholder="key or label"
            @input=${(e: Event) => {
              this.search = (e.target as HTMLInputElement).value;
              void this.loadSessions();
            }} />
        </label>
      </form>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      ${
        !this.loading && this.sessions.length === 0
          ? html`<div class="empty"><p><strong>No sessions ${this.search ? 'match' : 'yet'}.</strong></p>
              <p>A session starts with the first message: from a channel (Telegram, WhatsApp), the Chat page, or
                <code>moltbot agent --message "…"</code>.</p></div>`
          : html`<div class="table-wrap"><table class="table stack">
          <thead><tr><th scope="col">Session</th><th scope="col">Model</th><th scope="col">Tokens (in / out)</th>
            <th scope="col">Messages</th><th scope="col">Last activity</th><th scope="col"><span
              class="sr-only">Actions</span></th></tr></thead>
          <tbody>${this.sessions.map((s) => this.renderRow(s))}</tbody>
        </table></div>`
      }
      <datalist id="model-refs">${this.models.map((m) => html`<option value=${m}></option>`)}</datalist>
    </section>`;
  }

  private renderRow(s: SessionEntry) {
    const confirming = this.confirming?.key === s.key ? this.confirming.action : undefined;
    return html`<tr data-session=${s.key}>
      <th scope="row" data-label="Session"><span class="break">${s.label ?? s.key}</span>
        ${s.label ? html`<span class="muted small break">${s.key}</span>` : nothing}
        ${s.running ? html`<span class="badge badge-warn">running</span>` : nothing}
        ${s.channel ? html`<span class="badge">${s.channel}</span>` : nothing}</th>
      <td data-label="Model">${
        this.editing === s.key
          ? html`<form class="inline-form" @submit=${(e: SubmitEvent) => void this.saveModel(e, s.key)}>
              <label class="sr-only" for=${`model-${s.sessionId}`}>Model for ${s.key}</label>
              <input id=${`model-${s.sessionId}`} name="model" list="model-refs" .value=${s.model ?? ''}
                placeholder="agent default" />
              <button type="submit" class="primary">Save</button>
              <button type="button" @click=${() => (this.editing = undefined)}>Cancel</button>
            </form>`
          : html`${s.model ? html`<code>${s.model}</code>` : html`<span class="muted">agent default</span>`}
              <button type="button" class="link" aria-label=${`Change model of ${s.key}`} @click=${() =>
                (this.editing = s.key)}>Change</button>`
      }</td>
      <td data-label="Tokens (in / out)">${count(s.inputTokens)} / ${count(s.outputTokens)}</td>
      <td data-label="Messages">${count(s.messageCount)}</td>
      <td data-label="Last activity" title=${dateTime(s.updatedAt)}>${relativeTime(s.updatedAt)}</td>
      <td data-label="Actions" class="actions">${
        confirming
          ? html`<span class="confirm">${confirming === 'reset' ? 'Clear its transcript?' : 'Delete it for good?'}
              <button type="button" class="danger" @click=${() => void this.act(s.key, confirming)}>
                ${confirming === 'reset' ? 'Confirm reset' : 'Confirm delete'}</button>
              <button type="button" @click=${() => (this.confirming = undefined)}>Cancel</button></span>`
          : html`<button type="button" aria-label=${`Reset
            ${s.key}`} @click=${() => (this.confirming = { key: s.key, action: 'reset' })}>Reset</button>
              ${
                s.key === this.mainKey
                  ? nothing
                  : html`<button type="button" class="danger-ghost" aria-label=${`Delete ${s.key}`}
                      @click=${() => (this.confirming = { key: s.key, action: 'delete' })}>Delete</button>`
              }`
      }</td>
    </tr>`;
  }
}
