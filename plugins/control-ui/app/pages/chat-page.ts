import { html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { clockTime, count, prettyJson, relativeTime } from '../format.js';
import { GatewayPage } from '../gateway-page.js';
import { errorText } from '../notices.js';
import { randomId } from '../random-id.js';

interface SessionEntry {
  key: string;
  label?: string;
  model?: string;
  updatedAt: number;
  messageCount: number;
  totalTokens: number;
  running: boolean;
}

interface ToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

interface HistoryMessage {
  role: 'user' | 'assistant' | 'toolResult' | 'system';
  content: Array<{ type: string; text?: string }>;
  timestamp: number;
  runId?: string;
  toolCalls?: ToolCall[];
  toolName?: string;
  toolCallId?: string;
  isError?: boolean;
}

interface ToolState {
  id: string;
  name: string;
  args: unknown;
  result?: unknown;
  isError?: boolean;
  done: boolean;
}

/** The turn streaming right now in the shown session. */
interface LiveTurn {
  runId?: string;
  text: string;
  tools: ToolState[];
}

const SESSION_KEY_STORE = 'moltbot.control-ui.chat-session';

const textOf = (m: { content?: Array<{ type: string; text?: string }> }) =>
  (m.content ?? []).map((c) => c.text ?? '').join('');

/** WebChat: sessions, transcript, streamed replies with tool cards, abort, new session. */
@customElement('mb-chat-page')
export class ChatPage extends GatewayPage {
  @state() private sessions: SessionEntry[] = [];
  @state() private sessionKey = '';
  @state() private messages: HistoryMessage[] = [];
  @state() private live?: LiveTurn;
  @state() private sending = false;
  @state() private turnError?: string;
  @query('.transcript') private transcript?: HTMLElement;
  @query('#chat-message') private input?: HTMLTextAreaElement;

  protected override subscribe(): void {
    this.listen('chat', (f) => {
      const p = f.payload ?? {};
      if (p.sessionKey !== this.sessionKey) {
        if (p.state !== 'delta') void this.loadSessions();
        return;
      }
      if (p.state === 'delta') {
        this.live = { ...(this.live ?? { tools: [] }), runId: p.runId, text: textOf(p.message ?? {}) };
        return;
      }
      if (p.state === 'error' || p.state === 'aborted')
        this.turnError = p.state === 'aborted' ? 'The turn was aborted.' : (p.errorMessage ?? 'The turn failed.');
      void this.finishTurn();
    });
    this.listen('agent', (f) => {
      const p = f.payload ?? {};
      if (p.sessionKey !== this.sessionKey || p.stream !== 'tool') return;
      const live = this.live ?? { runId: p.runId, text: '', tools: [] };
      const d = p.data ?? {};
      const tools = [...live.tools];
      if (d.phase === 'call') tools.push({ id: d.toolCallId, name: d.name, args: d.arguments, done: false });
      else {
        const i = tools.findIndex((t) => t.id === d.toolCallId);
        const base = i >= 0 ? tools[i]! : { id: d.toolCallId, name: d.name ?? 'tool', args: undefined, done: false };
        const updated = { ...base, result: d.result, isError: Boolean(d.isError), done: true };
        if (i >= 0) tools[i] = updated;
        else tools.push(updated);
      }
      this.live = { ...live, runId: live.runId ?? p.runId, tools };
    });
  }

  protected override async load(): Promise<void> {
    const defaults = this.conn.hello?.snapshot.sessionDefaults;
    if (!this.sessionKey)
      this.sessionKey = sessionStorage.getItem(SESSION_KEY_STORE) ?? defaults?.mainSessionKey ?? 'agent:main:main';
    await Promise.all([this.loadSessions(), this.loadHistory()]);
  }

  private async loadSessions(): Promise<void> {
    const r = await this.conn.request<{ sessions: SessionEntry[] }>('sessions.list', { limit: 50 });
    this.sessions = r.sessions;
  }

  /** `endTurn`: the finished reply is in this history, so the live bubble goes in the same render. */
  private async loadHistory(endTurn = false): Promise<void> {
    const key = this.sessionKey;
    const r = await this.conn.request<{ messages: HistoryMessage[] }>('chat.history', { sessionKey: key, limit: 200 });
    if (key !== this.sessionKey) return;
    this.messages = r.messages;
    if (endTurn) this.live = undefined;
  }

  private async finishTurn(): Promise<void> {
    try {
      // Not after both: while sessions.list was still on its way, the reply showed twice.
      await Promise.all([this.loadHistory(true), this.loadSessions()]);
    } finally {
      this.live = undefined;
    }
  }

  private selectSession(key: string): void {
    if (key === this.sessionKey) return;
    this.sessionKey = key;
    sessionStorage.setItem(SESSION_KEY_STORE, key);
    this.messages = [];
    this.live = undefined;
    this.turnError = undefined;
    void this.loadHistory().catch((err) => (this.loadError = errorText(err)));
  }

  private newSession(): void {
    const agent = this.conn.hello?.snapshot.sessionDefaults?.defaultAgentId ?? 'main';
    this.selectSession(`agent:${agent}:dashboard-${randomId().slice(0, 8)}`);
    this.input?.focus();
  }

  private async send(ev?: Event): Promise<void> {
    ev?.preventDefault();
    const input = this.input!;
    const message = input.value.trim();
    if (!message || this.sending) return;
    this.sending = true;
    this.turnError = undefined;
    input.value = '';
    this.messages = [
      ...this.messages,
      { role: 'user', content: [{ type: 'text', text: message }], timestamp: Date.now() },
    ];
    this.live = { text: '', tools: [] };
    try {
      const r = await this.conn.request<{ runId: string }>('chat.send', {
        sessionKey: this.sessionKey,
        message,
        idempotencyKey: randomId(),
      });
      if (this.live) this.live = { ...this.live, runId: this.live.runId ?? r.runId };
    } catch (err) {
      this.live = undefined;
      this.turnError = errorText(err);
      input.value = message;
      this.messages = this.messages.slice(0, -1);
    } finally {
      this.sending = false;
    }
  }

  private async abort(): Promise<void> {
    try {
      await this.conn.request('chat.abort', {
        sessionKey: this.sessionKey,
        ...(this.live?.runId ? { runId: this.live.runId } : {}),
      });
    } catch (err) {
      this.turnError = errorText(err);
    }
  }

  private onKeyDown(ev: KeyboardEvent): void {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) void this.send(ev);
  }

  protected override updated(): void {
    const t = this.transcript;
    if (t) t.scrollTop = t.scrollHeight;
  }

  override render() {
    const known = this.sessions.some((s) => s.key === this.sessionKey);
    const options = known
      ? this.sessions
      : [{ key: this.sessionKey, label: `${this.sessionKey} (new)` } as SessionEntry, ...this.sessions];
    return html`<section class="page page-fill chat">
      <header class="page-head">
        <h1 tabindex="-1">Chat</h1>
        <p class="muted">Talk to the agent in any session; replies stream in as they are written.</p>
      </header>
      ${this.loadError ? html`<div class="alert alert-error" role="alert">${this.loadError}</div>` : nothing}
      <div class="chat-layout">
        <aside class="chat-sessions" aria-label="Sessions">
          <div class="chat-sessions-head">
            <h2>Sessions</h2>
            <label class="chat-session-select">
              <span class="sr-only">Session</span>
              <select @change=${(e: Event) => this.selectSession((e.target as HTMLSelectElement).value)}>
                ${options.map(
                  (s) =>
                    html`<option value=${s.key} ?selected=${s.key === this.sessionKey}>${s.label ?? s.key}</option>`,
                )}
              </select>
            </label>
            <button type="button" @click=${() => this.newSession()}>New session</button>
          </div>
          <ul class="session-list">
            ${options.map(
              (s) => html`<li>
                <button type="button" class="session-item" aria-current=${s.key === this.sessionKey ? 'true' : 'false'}
                  @click=${() => this.selectSession(s.key)}>
                  <span class="session-name">${s.label ?? s.key}</span>
                  <span class="muted small">${
                    s.updatedAt
                      ? `${count(s.messageCount)} messages · ${relativeTime(s.updatedAt)}` +
                        (s.running ? ' · running' : '')
                      : 'no messages yet'
                  }</span>
                </button>
              </li>`,
            )}
          </ul>
        </aside>
        <div class="chat-main">
          <div class="transcript" role="log" aria-label="Transcript" tabindex="0">
            ${
              this.messages.length === 0 && !this.live
                ? html`<div class="empty-inline chat-empty">
                    <p><strong>No messages in <code>${this.sessionKey}</code> yet.</strong></p>
                    <p>Type below to start; the agent answers with the configured model and may call tools.</p></div>`
                : nothing
            }
            ${this.renderHistory()} ${this.live ? this.renderLive(this.live) : nothing}
            ${this.turnError ? html`<div class="alert alert-error" role="alert">${this.turnError}</div>` : nothing}
          </div>
          <form class="composer" @submit=${(e: Event) => void this.send(e)}>
            <label for="chat-message" class="sr-only">Message</label>
            <textarea id="chat-message" rows="2"
              placeholder="Message the agent (Enter to send, Shift+Enter for a new line)"
              @keydown=${(e: KeyboardEvent) => this.onKeyDown(e)}></textarea>
            <div class="composer-actions">
              ${
                this.live
                  ? html`<button type="button" class="danger" @click=${() => void this.abort()}>Abort</button>`
                  : nothing
              }
              <button type="submit" class="primary" ?disabled=${this.sending}>Send</button>
            </div>
          </form>
        </div>
      </div>
    </section>`;
  }

  private renderHistory() {
    const results = new Map<string, HistoryMessage>();
    for (const m of this.messages) if (m.role === 'toolResult' && m.toolCallId) results.set(m.toolCallId, m);
    return this.messages.map((m) => {
      if (m.role === 'toolResult') {
        if (m.toolCallId && this.messages.some((x) => x.toolCalls?.some((c) => c.id === m.toolCallId))) return nothing;
        return toolCard({
          id: m.toolCallId ?? '',
          name: m.toolName ?? 'tool',
          args: undefined,
          result: textOf(m),
          isError: m.isError,
          done: true,
        });
      }
      const text = textOf(m);
      return html`${text ? bubble(m.role, text, m.timestamp) : nothing}
        ${(m.toolCalls ?? []).map((c) => {
          const r = results.get(c.id);
          return toolCard({
            id: c.id,
            name: c.name,
            args: c.arguments,
            result: r ? textOf(r) : undefined,
            isError: r?.isError,
            done: Boolean(r),
          });
        })}`;
    });
  }

  private renderLive(live: LiveTurn) {
    return html`${live.tools.map((t) => toolCard(t))}
      ${
        live.text
          ? bubble('assistant', live.text, Date.now(), true)
          : html`<div class="typing" aria-label="The agent is working"><span></span><span></span><span></span></div>`
      }`;
  }
}

function bubble(role: string, text: string, ts: number, streaming = false) {
  const who = role === 'user' ? 'You' : role === 'assistant' ? 'Agent' : role;
  return html`<article class=${`msg msg-${role}${streaming ? ' msg-streaming' : ''}`} aria-label=${`${who} said`}>
    <header class="msg-head"><span class="msg-who">${who}</span><span
      class="muted small">${clockTime(ts)}</span></header>
    <div class="msg-text">${text}</div>
  </article>`;
}

function toolCard(t: ToolState) {
  const status = !t.done ? 'running' : t.isError ? 'error' : 'done';
  return html`<article class=${`tool-card tool-${status}`} aria-label=${`Tool ${t.name}`}>
    <header class="tool-head">
      <span class="tool-icon" aria-hidden="true">⚙</span><strong>${t.name}</strong>
      <span class=${`badge badge-${status === 'done' ? 'ok' : status === 'error' ? 'error' : 'warn'}`}>${status}</span>
    </header>
    <details ?open=${status === 'error'}>
      <summary>Arguments and result</summary>
      ${t.args !== undefined ? html`<h3>Arguments</h3><pre>${prettyJson(t.args)}</pre>` : nothing}
      ${t.result !== undefined ? html`<h3>Result</h3><pre>${prettyJson(t.result)}</pre>` : nothing}
    </details>
  </article>`;
}
