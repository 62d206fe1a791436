import crypto from 'node:crypto';
import { Command, Option } from 'clipanion';
import { ExitCode } from '../cli/exit-codes.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class AgentCommand extends GatewayCommand {
  static override paths = [['agent']];
  static override usage = Command.Usage({
    category: 'Messaging',
    description: 'Run one agent turn (the gateway method `agent`; needs the agent plugin and a model provider).',
    details: `
      Prints the reply when the run ends. --stream prints the assistant text as it arrives
      (from \`agent\` events). --timeout bounds the whole run (default 10m). Exit 1 when the
      run ends with status "error", 7 when the agent plugin is not enabled.
    `,
    examples: [
      ['Ask the main agent', 'moltbot agent --message "what is on my calendar?"'],
      ['Stream, in a named session', 'moltbot agent --message "summarize" --session-key agent:main:work --stream'],
    ],
  });

  message = Option.String('-m,--message', { required: true, description: 'The message for the agent' });
  stream = Option.Boolean('--stream', false, { description: 'Print the reply as it streams' });
  agentId = Option.String('--agent', { description: 'Agent id (default: the default agent)' });
  sessionKey = Option.String('--session-key', { description: 'Session key (default: the main session)' });
  to = Option.String('--to', { description: 'Deliver the reply to this recipient' });
  channel = Option.String('--channel', { description: 'Channel for --to' });
  deliver = Option.Boolean('--deliver', false, { description: 'Deliver the reply through the channel' });
  account = Option.String('--account', { description: 'Channel account for --to' });
  thinking = Option.String('--thinking', { description: 'Thinking level (off, low, medium, high)' });

  async run(): Promise<number> {
    const timeoutMs = this.timeoutMs(600_000);
    const client = await this.connect();
    let streamed = false;
    try {
      let runId: string | undefined;
      const off = client.onEvent((e) => {
        if (!this.stream || e.event !== 'agent' || (runId && e.payload?.runId !== runId)) return;
        const d = e.payload?.data ?? {};
        // Assistant events carry {delta, text}: print the deltas so the reply builds up in place.
        const text = e.payload?.stream === 'assistant' && typeof d.delta === 'string' ? d.delta : undefined;
        if (text !== undefined && !this.json) {
          this.context.stdout.write(text);
          streamed = true;
        }
      });
      const params = {
        message: this.message,
        ...(this.agentId ? { agentId: this.agentId } : {}),
        ...(this.sessionKey ? { sessionKey: this.sessionKey } : {}),
        ...(this.to ? { to: this.to } : {}),
        ...(this.channel ? { channel: this.channel } : {}),
        ...(this.deliver ? { deliver: true } : {}),
        ...(this.account ? { accountId: this.account } : {}),
        ...(this.thinking ? { thinking: this.thinking } : {}),
        // Seconds: the gateway stops the run itself at our deadline instead of running on unseen.
        timeout: Math.max(1, Math.floor(timeoutMs / 1000)),
        idempotencyKey: crypto.randomUUID(),
      };
      const result = await client.request<Record<string, any>>('agent', params, {
        timeoutMs,
        onAccepted: (ack) => {
          runId = ack.runId;
          if (!this.json && !this.stream) this.err(this.errStyle.dim(`run ${ack.runId} accepted`));
        },
      });
      off();
      this.emit(result, () => {
        if (streamed) this.out('');
        else
          this.out(
            typeof result.result?.text === 'string' && result.status === 'ok'
              ? result.result.text
              : typeof result.summary === 'string'
                ? result.summary
                : JSON.stringify(result, null, 2),
          );
      });
      if (result.status === 'error') {
        this.err(
          `the agent run ${result.runId} ended with an ` +
            `error${result.error?.message ? `: ${result.error.message}` : ''}`,
        );
        return ExitCode.failure;
      }
      return ExitCode.ok;
    } finally {
      client.close();
    }
  }
}
