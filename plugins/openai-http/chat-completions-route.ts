import { type AgentService, clientGone, openAiRunError, type PluginApp, type PluginContext } from '../../sdk/index.js';
import {
  ChatCompletionsBody,
  type ChatCompletionsBodyT,
  chatBodyError,
  chatConversation,
  clientTools,
  refuseUnsupported,
} from './chat-request.js';
import type { OpenAiHttpConfigT } from './config-schema.js';
import { openAiHttpError } from './errors.js';
import { requestAgent } from './request-agent.js';
import { SseStream } from './sse-stream.js';

export function agentService(ctx: PluginContext<OpenAiHttpConfigT>): AgentService {
  const agent = ctx.services.get('agent') as AgentService | undefined;
  if (!agent)
    throw openAiHttpError(
      'GW_ERR_OPENAI_HTTP_AGENT_UNAVAILABLE',
      'the agent runtime (plugin "agent") is not loaded; check plugins.entries.agent and the gateway log',
    );
  return agent;
}

/**
 * `POST /v1/chat/completions`: one agent run, answered as an OpenAI completion or SSE chunks.
 * Client function tools round-trip: a call ends the run with `finish_reason:"tool_calls"`, and
 * the `tool` messages of the next request are the results the run continues from.
 */
export function registerChatCompletions(app: PluginApp, ctx: PluginContext<OpenAiHttpConfigT>): void {
  app.post<{ Body: ChatCompletionsBodyT }>(
    '/v1/chat/completions',
    {
      bodyLimit: ctx.config.maxBodyBytes,
      schema: { body: ChatCompletionsBody },
      config: { schemaError: chatBodyError },
    },
    async (req, reply) => {
      const body = req.body;
      refuseUnsupported(body);
      const conversation = chatConversation(body.messages);
      const tools = clientTools(body);
      const agent = agentService(ctx);
      const defaultAgent = agent.agents?.().find((a) => a.default)?.id ?? 'main';
      const who = requestAgent(req, body.model, body.user, 'openai', defaultAgent);
      const model = body.model ?? `moltbot:${who.agentId}`;
      const signal = clientGone(reply);
      const created = Math.floor(Date.now() / 1000);
      const submit = (onEvent?: Parameters<AgentService['submit']>[0]['onEvent']) =>
        agent.submit({
          agentId: who.agentId,
          sessionKey: who.sessionKey,
          message: conversation.message,
          images: conversation.images,
          history: conversation.history,
          toolResults: conversation.toolResults,
          extraSystemPrompt: conversation.extraSystemPrompt,
          clientTools: tools,
          dangerousToolsAllowed: ctx.config.tools.allow,
          signal,
          onEvent,
        });

      if (body.stream === true) {
        let sse: SseStream | undefined;
        let runId = '';
        const base = () => ({ id: `chatcmpl-${runId}`, object: 'chat.completion.chunk', created, model });
        const started = submit((ev) => {
          if (ev.stream === 'assistant' && typeof ev.data.delta === 'string' && sse)
            sse.send({ ...base(), choices: [{ index: 0, delta: { content: ev.data.delta }, finish_reason: null }] });
        });
        runId = started.runId;
        sse = new SseStream(reply);
        sse.send({
          ...base(),
          choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        });
        const outcome = await started.done;
        if (outcome.status === 'ok') {
          const calls = outcome.clientToolCalls ?? [];
          if (calls.length)
            sse.send({
              ...base(),
              choices: [
                {
                  index: 0,
                  delta: { tool_calls: calls.map((c, index) => ({ index, ...toolCall(c) })) },
                  finish_reason: null,
                },
              ],
            });
          sse.send({
            ...base(),
            choices: [{ index: 0, delta: {}, finish_reason: calls.length ? 'tool_calls' : 'stop' }],
          });
          if (outcome.usage) sse.send({ ...base(), choices: [], usage: usageOf(outcome.usage) });
        } else {
          sse.send(openAiRunError(outcome).body);
        }
        sse.end();
        return reply;
      }

      const outcome = await submit().done;
      if (outcome.status !== 'ok') {
        const { status, body: err } = openAiRunError(outcome);
        return reply.code(status).send(err);
      }
      const calls = outcome.clientToolCalls ?? [];
      return {
        id: `chatcmpl-${outcome.runId}`,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: outcome.text || (calls.length ? null : ''),
              refusal: null,
              ...(calls.length ? { tool_calls: calls.map(toolCall) } : {}),
            },
            logprobs: null,
            finish_reason: calls.length ? 'tool_calls' : 'stop',
          },
        ],
        usage: usageOf(outcome.usage ?? { inputTokens: 0, outputTokens: 0 }),
      };
    },
  );
}

function toolCall(c: { id: string; name: string; arguments: string }) {
  return { id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } };
}

function usageOf(u: { inputTokens: number; outputTokens: number }) {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
  };
}
