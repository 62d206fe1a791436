import type { ChatCommand, ChatCommandInvocation } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import { THINKING_LEVELS } from '../config-schema.js';
import { agentOfKey } from '../session-keys.js';
import { modelChoices, resolveModelChoice } from './model-choice.js';

/**
 * The session commands the agent plugin registers (the router answers them before any model
 * turn): /new, /reset, /stop, /model, /think, /verbose, /compact.
 */
export function agentCommands(runtime: AgentRuntime): ChatCommand[] {
  const session = (inv: ChatCommandInvocation): string => {
    if (!inv.sessionKey) throw new Error('this chat has no session');
    runtime.store.ensure(inv.sessionKey, runtime.resolveAgentId(agentOfKey(inv.sessionKey)), { channel: inv.channel });
    return inv.sessionKey;
  };
  const fresh = (name: 'new' | 'reset', description: string): ChatCommand => ({
    name,
    description,
    ownerOnly: 'groups',
    handler(inv) {
      const key = session(inv);
      const { stopped } = runtime.resetSession(key);
      let note = '';
      if (name === 'new' && inv.args) {
        const choice = resolveModelChoice(runtime, inv.args);
        if (choice.ok) {
          runtime.store.patch(key, { model: choice.ref });
          note = ` Model: ${choice.ref}.`;
        } else note = ` (${choice.message})`;
      }
      const halted = stopped ? ` Stopped ${stopped} run(s) in progress.` : '';
      return `✨ New session started; the previous transcript is kept.${halted}${note}`;
    },
  });
  return [
    fresh('new', 'Start a new session (optionally: /new provider/model)'),
    fresh('reset', 'Reset this chat’s session (the old transcript is kept)'),
    {
      name: 'stop',
      description: 'Stop the running reply and clear the waiting messages',
      handler(inv) {
        if (!inv.sessionKey) return 'Nothing to stop.';
        const { running, waiting } = runtime.laneState(inv.sessionKey);
        const ids = runtime.abortSession(inv.sessionKey);
        if (ids.length === 0) return 'Nothing to stop.';
        const parts = [
          running ? 'the running reply' : undefined,
          waiting ? `${waiting} waiting message(s)` : undefined,
        ];
        return `⏹️ Stopped ${parts.filter(Boolean).join(' and ')}.`;
      },
    },
    {
      name: 'model',
      description: 'Show or set this session’s model (/model provider/model, /model default)',
      ownerOnly: true,
      handler(inv) {
        const key = session(inv);
        const arg = inv.args.trim();
        if (!arg || arg === 'list') {
          const current = runtime.sessionModel(key);
          const choices = modelChoices(runtime);
          return [
            `Model: ${current.ref} (${current.source})`,
            choices.length ? `Available: ${choices.join(', ')}` : 'Any configured model can be chosen.',
            'Set it with /model <provider/model>, back to the agent’s with /model default.',
          ].join('\n');
        }
        if (arg === 'default' || arg === 'reset') {
          runtime.store.patch(key, { model: null });
          return `Model: ${runtime.sessionModel(key).ref} (the agent’s default).`;
        }
        const choice = resolveModelChoice(runtime, arg);
        if (!choice.ok) return `⚠️ ${choice.message}`;
        runtime.store.patch(key, { model: choice.ref });
        return `Model: ${choice.ref} for this session.`;
      },
    },
    {
      name: 'think',
      description: 'Set how hard the model thinks (off|minimal|low|medium|high|xhigh)',
      handler(inv) {
        const key = session(inv);
        const level = inv.args.trim().toLowerCase();
        if (!level)
          return `Thinking: ${runtime.sessionInfo(key).thinking}. Set it with /think ${THINKING_LEVELS.join('|')}.`;
        if (!(THINKING_LEVELS as readonly string[]).includes(level))
          return `⚠️ "${level}" is not a thinking level: use ${THINKING_LEVELS.join(', ')}.`;
        runtime.store.patch(key, { thinkingLevel: level });
        const model = runtime.sessionModel(key);
        const effect =
          level === 'off' || model.reasoning
            ? ''
            : ` (${model.ref} is not marked as a reasoning model, so it is not asked to think: set ` +
              'reasoning: true on it in models.providers.<name>.models)';
        return `Thinking: ${level}.${effect}`;
      },
    },
    {
      name: 'verbose',
      description: 'Show tool calls in this chat (on|off)',
      handler(inv) {
        const key = session(inv);
        const want = inv.args.trim().toLowerCase();
        if (!want) return `Verbose: ${runtime.sessionInfo(key).verbose ? 'on' : 'off'}. Use /verbose on|off.`;
        if (want !== 'on' && want !== 'off') return '⚠️ Use /verbose on or /verbose off.';
        runtime.store.setVerbose(key, want === 'on');
        return want === 'on'
          ? 'Verbose: on. I will post a line for each tool I use.'
          : 'Verbose: off. Only answers from now on.';
      },
    },
    {
      name: 'compact',
      description: 'Summarise this session to free context (optionally: what to focus on)',
      async handler(inv) {
        const key = session(inv);
        const outcome = await runtime.compact(key, inv.args);
        if (outcome.status !== 'ok' || !outcome.compaction)
          return `⚠️ Could not compact: ${outcome.error?.message ?? outcome.status}`;
        const { before, after, model } = outcome.compaction;
        return (
          `🧹 Compacted ${before.messages} message(s) (~${before.tokens} tokens) into a summary of ~${after.tokens} ` +
          `tokens with ${model}. The full transcript is kept.`
        );
      },
    },
  ];
}
