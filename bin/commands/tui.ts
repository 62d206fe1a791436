import crypto from 'node:crypto';
import { Command, Option } from 'clipanion';
import type { EventFrame, GatewayClient } from '../../sdk/client/gateway-client.js';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { ChatView } from '../tui/chat-view.js';
import { LineEditor } from '../tui/line-editor.js';

interface SessionRow {
  key: string;
  label?: string;
  model?: string;
  updatedAt?: number;
  messageCount?: number;
}

interface HistoryMessage {
  role: string;
  content?: Array<{ type: string; text?: string }>;
  toolCalls?: Array<{ id: string; name: string; arguments: unknown }>;
  toolName?: string;
  isError?: boolean;
}

/** The run streaming in the shown session: its id once known, the text so far, tool call names by id. */
interface LiveRun {
  runId?: string;
  text: string;
  tools: Map<string, string>;
}

const HELP = '/new /sessions /session <key> /model [ref] /history /abort /help /exit · Ctrl-C aborts a reply';

const textOf = (m: { content?: Array<{ text?: string }> } | undefined) =>
  (m?.content ?? []).map((c) => c.text ?? '').join('');

export class TuiCommand extends GatewayCommand {
  static override paths = [['tui']];
  static override usage = Command.Usage({
    category: 'Messaging',
    description: 'Chat with the agent in this terminal (streamed replies, tool calls, sessions).',
    details: `
      A terminal chat client over the gateway's WebSocket protocol: pick a session (or start a
      new one), type a message and watch the reply stream in; tool calls show as one line each.
      Commands: /new, /sessions, /session <key>, /model [provider/model], /history, /abort,
      /help, /exit. Ctrl-C aborts a running reply; on an idle line it clears it, twice quits.
      Works against a remote gateway with --url (and --token). History is your terminal's
      scrollback; /history prints the session's transcript again.
    `,
    examples: [
      ['Chat with the local gateway', 'moltbot tui'],
      ['Straight into the main session', 'moltbot tui --session main'],
      ['A remote gateway', 'moltbot tui --url wss://gw.example.ts.net --token "$TOKEN"'],
    ],
  });

  session = Option.String('--session', {
    description: 'Session key to open (agent:<id>:<name>, or just <name>); default: ask',
  });

  private client?: GatewayClient;
  private view!: ChatView;
  private editor!: LineEditor;
  private sessionKey = '';
  private agentId = 'main';
  /** The run streaming in the shown session, if any. */
  private live?: LiveRun;
  private quitArmed = false;
  private exit?: (code: number) => void;
  private closing = false;

  async run(): Promise<number> {
    const stdin = this.context.stdin as NodeJS.ReadStream;
    const stdout = this.context.stdout as NodeJS.WriteStream;
    if (!stdin.isTTY || !stdout.isTTY)
      throw new CliError(
        'GW_ERR_CLI_USAGE',
        `moltbot tui needs a terminal; for scripts use ${this.hint('agent --message "…" --stream')}`,
      );
    const target = this.target();
    this.client = await this.connect(target);
    const s = this.style;
    this.view = new ChatView(
      (t) => stdout.write(t.replace(/\n/g, '\r\n')),
      s,
      () => stdout.columns ?? 80,
    );
    const defaults = this.client.hello?.snapshot?.sessionDefaults;
    this.agentId = defaults?.defaultAgentId ?? 'main';
    this.sessionKey = this.session
      ? this.canonicalKey(this.session)
      : await this.pickSession(defaults?.mainSessionKey ?? `agent:${this.agentId}:main`);
    this.view.line(
      `${s.bold('moltbot tui')} ${s.dim(`· ${target.url} · gateway ${this.client.hello?.server?.version}`)}`,
    );
    this.view.info(HELP);
    await this.openSession(this.sessionKey);

    this.editor = new LineEditor(stdin, stdout, `${s.bold('you')} › `, {
      submit: (line) => void this.onLine(line),
      interrupt: () => void this.onInterrupt(),
      end: () => this.finish(0),
    });
    this.watch(this.client);
    this.editor.start();
    this.editor.show();
    const code = await new Promise<number>((resolve) => (this.exit = resolve));
    this.editor.stop();
    this.client?.close();
    return code;
  }

  private finish(code: number): void {
    this.closing = true;
    this.editor.hide();
    this.view.info('bye');
    this.exit?.(code);
  }

  private canonicalKey(key: string): string {
    return key.startsWith('agent:') ? key : `agent:${this.agentId}:${key}`;
  }

  /** The session picker: recent sessions first, the main one, or a new one. */
  private async pickSession(mainKey: string): Promise<string> {
    const { sessions } = await this.client!.request<{ sessions: SessionRow[] }>('sessions.list', { limit: 20 });
    if (sessions.length === 0) return mainKey;
    const p = await import('@clack/prompts');
    const common = { input: this.context.stdin as never, output: this.context.stdout as never };
    const rows = sessions.some((x) => x.key === mainKey) ? sessions : [{ key: mainKey }, ...sessions];
    const choice = await p.select<string>({
      ...common,
      message: 'Which session?',
      options: [
        ...rows.map((x) => ({
          value: x.key,
          label: x.label ?? x.key,
          hint: x.messageCount ? `${x.messageCount} messages${x.model ? ` · ${x.model}` : ''}` : 'new',
        })),
        { value: '__new__', label: 'A new session' },
      ],
      initialValue: rows[0]!.key,
    });
    if (p.isCancel(choice)) throw new CliError('GW_ERR_CLI_CANCELLED', 'no session chosen');
    return choice === '__new__' ? this.newKey() : choice;
  }

  private newKey(): string {
    return `agent:${this.agentId}:tui-${crypto.randomBytes(4).toString('hex')}`;
  }

  private async openSession(key: string, limit = 20): Promise<void> {
    const s = this.style;
    const history = await this.client!.request<{ messages: HistoryMessage[] }>('chat.history', {
      sessionKey: key,
      limit,
    });
    const sessions = await this.client!.request<{ sessions: SessionRow[] }>('sessions.list', { limit: 200 });
    // Switch only once the gateway knows the session: a refused key leaves the user where they were.
    this.sessionKey = key;
    this.live = undefined;
    const row = sessions.sessions.find((x) => x.key === key);
    this.view.line(
      `${s.dim('── session')} ${key}${row?.model ? s.dim(` · model ${row.model}`) : ''} ${s.dim(
        history.messages.length ? `· last ${history.messages.length} messages ──` : '· new ──',
      )}`,
    );
    for (const m of history.messages) this.printHistory(m);
  }

  private printHistory(m: HistoryMessage): void {
    const text = textOf(m);
    if (m.role === 'user') this.view.user(text);
    else if (m.role === 'assistant') {
      if (text) this.view.assistant(text);
      for (const c of m.toolCalls ?? []) this.view.toolCall(c.name, c.arguments);
    } else if (m.role === 'toolResult') this.view.toolResult(m.toolName ?? 'tool', text, m.isError === true);
  }

  private watch(client: GatewayClient): void {
    client.onEvent((e) => this.onEvent(e));
    void client.waitForClose(2 ** 31 - 1).then(() => this.reconnect());
  }

  /** The gateway restarted or the network dropped: say so, and come back (bounded). */
  private async reconnect(): Promise<void> {
    if (this.closing) return;
    this.editor.hide();
    this.view.error('connection lost; reconnecting…');
    const until = Date.now() + 60_000;
    for (let delay = 500; Date.now() < until && !this.closing; delay = Math.min(delay * 2, 5000)) {
      await new Promise((r) => setTimeout(r, delay));
      try {
        this.client = await this.connect();
        this.view.info('reconnected');
        this.live = undefined;
        this.watch(this.client);
        this.editor.show();
        return;
      } catch {
        /* try again */
      }
    }
    if (!this.closing) {
      this.view.error('the gateway did not come back within a minute');
      this.finish(4);
    }
  }

  private onEvent(e: EventFrame): void {
    const p = e.payload ?? {};
    if (p.sessionKey !== this.sessionKey) return;
    if (e.event === 'chat') {
      if (!this.live) this.beginRun(p.runId);
      this.live!.runId ??= p.runId;
      if (p.state === 'delta') {
        this.live!.text = textOf(p.message);
        this.view.streamTo(this.live!.text);
        return;
      }
      if (p.state === 'final') this.view.streamTo(textOf(p.message) || this.live!.text);
      this.view.endReply();
      if (p.state === 'aborted') this.view.info('(aborted)');
      if (p.state === 'error') this.view.error(p.errorMessage ?? 'the run failed');
      this.live = undefined;
      this.editor.show();
      return;
    }
    if (e.event === 'agent' && p.stream === 'tool') {
      if (!this.live) this.beginRun(p.runId);
      const d = p.data ?? {};
      if (d.phase === 'call') {
        this.view.endReply();
        this.live!.tools.set(d.toolCallId, d.name);
        this.view.toolCall(d.name, d.arguments);
      } else if (d.phase === 'result') {
        this.view.toolResult(this.live!.tools.get(d.toolCallId) ?? d.name ?? 'tool', d.result, d.isError === true);
        // The text after the tool call is a new part of the reply.
        this.live!.text = '';
      }
    }
  }

  private beginRun(runId?: string): LiveRun {
    this.editor.hide();
    this.live = { runId, text: '', tools: new Map() };
    return this.live;
  }

  private async onLine(line: string): Promise<void> {
    const text = line.trim();
    this.quitArmed = false;
    if (!text) return this.editor.show();
    try {
      if (text.startsWith('/')) await this.command(text);
      else await this.send(text);
    } catch (err) {
      this.view.error((err as Error).message);
    }
    if (!this.live && !this.closing) this.editor.show();
  }

  private async send(message: string): Promise<void> {
    if (this.live) {
      this.view.info('a reply is still streaming: wait, or /abort (Ctrl-C) it first');
      return;
    }
    const pending = this.beginRun(undefined);
    this.view.info('… (Ctrl-C aborts)');
    let r: { runId?: string };
    try {
      r = await this.client!.request<{ runId?: string }>('chat.send', {
        sessionKey: this.sessionKey,
        message,
        idempotencyKey: crypto.randomUUID(),
      });
    } catch (err) {
      // Refused: no run will stream, so no event would ever give the prompt back.
      if (this.isLive(pending)) this.live = undefined;
      throw err;
    }
    if (this.isLive(pending)) pending.runId ??= r.runId;
  }

  /** Still the run on screen (events may have ended it, or a reconnect dropped it, meanwhile). */
  private isLive(run: LiveRun): boolean {
    return this.live === run;
  }

  private async onInterrupt(): Promise<void> {
    if (this.live) {
      this.quitArmed = false;
      await this.abort();
      return;
    }
    if (this.editor.text !== '' || !this.quitArmed) {
      this.quitArmed = true;
      this.editor.hide();
      this.view.info('(Ctrl-C again or /exit to quit)');
      this.editor.show();
      return;
    }
    this.finish(0);
  }

  private async abort(): Promise<void> {
    const runId = this.live?.runId;
    try {
      await this.client!.request('chat.abort', { sessionKey: this.sessionKey, ...(runId ? { runId } : {}) });
    } catch (err) {
      this.view.error((err as Error).message);
    }
  }

  private async command(input: string): Promise<void> {
    const [name, ...rest] = input.slice(1).split(/\s+/);
    const arg = rest.join(' ').trim();
    switch (name) {
      case 'help':
        return this.view.info(HELP);
      case 'exit':
      case 'quit':
        return this.finish(0);
      case 'abort':
        if (!this.live) return this.view.info('nothing is running');
        return this.abort();
      case 'new':
        return this.openSession(this.newKey());
      case 'session':
        if (!arg) return this.view.info(`this session: ${this.sessionKey}`);
        return this.openSession(this.canonicalKey(arg));
      case 'sessions': {
        this.editor.stop();
        try {
          const key = await this.pickSession(`agent:${this.agentId}:main`);
          await this.openSession(key);
        } finally {
          this.editor.start();
        }
        return;
      }
      case 'history':
        return this.openSession(this.sessionKey, 200);
      case 'model':
        return this.model(arg);
      default:
        return this.view.error(`unknown command /${name}: ${HELP}`);
    }
  }

  private async model(ref: string): Promise<void> {
    if (!ref) {
      const sessions = await this.client!.request<{ sessions: SessionRow[] }>('sessions.list', { limit: 200 });
      const current = sessions.sessions.find((x) => x.key === this.sessionKey)?.model;
      const models = await this.configuredModels();
      this.view.info(
        `model: ${current ?? 'the agent default'}${models.length ? `; configured: ${models.join(', ')}` : ''}`,
      );
      return this.view.info('change it with /model <provider/model> (/model default goes back)');
    }
    const r = await this.client!.request<{ entry: SessionRow }>('sessions.patch', {
      key: this.sessionKey,
      model: ref === 'default' ? null : ref,
    });
    this.view.info(`model for this session: ${r.entry.model ?? 'the agent default'}`);
  }

  /** `provider/model` ids from the gateway's config (config.get redacts the keys). */
  private async configuredModels(): Promise<string[]> {
    try {
      const r = await this.client!.request<{ config?: Record<string, any> }>('config.get', {});
      const providers = (r.config?.models?.providers ?? {}) as Record<string, { models?: Array<{ id: string }> }>;
      return Object.entries(providers).flatMap(([name, p]) => (p.models ?? []).map((m) => `${name}/${m.id}`));
    } catch {
      return [];
    }
  }
}
