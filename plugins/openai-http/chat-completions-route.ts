import { type AgentService, clientGone, openAiRunError, type PluginApp, type PluginContext } from '../../sdk/index.js';
import { ChatBody, type ChatBodyT, chatBodyError } from './chat-body.js';
import { chatPrompt, withHistory } from './chat-prompt.js';
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

/** `POST /v1/chat/completions`: one agent run, answered as an OpenAI completion or SSE chunks. */
export function registerChatCompletions(app: PluginApp, ctx: PluginContext<OpenAiHttpConfigT>): void {
  const options = {
    bodyLimit: ctx.config.maxBodyBytes,
    schema: { body: ChatBody },
    config: { schemaError: chatBodyError },
  };
  app.post('/v1/chat/completions', options, async (req, reply) => {
    const body = req.body as ChatBodyT;
    const prompt = chatPrompt(body.messages);
    const agent = agentService(ctx);
    const defaultAgent = agent.agents?.().find((a) => a.default)?.id ?? 'main';
    const who = requestAgent(req, body.model, body.user, 'openai', defaultAgent);
    const model = typeof body.model === 'string' ? body.model : `moltbot:${who.agentId}`;
    const signal = clientGone(reply);
    const id = `chatcmpl-`;
    const created = Math.floor(Date.now() / 1000);

    if (body.stream === true) {
      let sse: SseStream | undefined;
      const base = () => ({ id: `${id}${runId}`, object: 'chat.completion.chunk', created, model });
      let runId = '';
      const { runId: rid, done } = agent.submit({
        agentId: who.agentId,
        sessionKey: who.sessionKey,
        message: who.stable ? prompt.message : withHistory(prompt),
        extraSystemPrompt: prompt.extraSystemPrompt,
        signal,
        onEvent: (ev) => {
          if (ev.stream === 'assistant' && typeof ev.data.delta === 'string' && sse) {
            sse.send({ ...base(), choices: [{ index: 0, delta: { content: ev.data.delta }, finish_reason: null }] });
          }
        },
      });
      runId = rid;
      sse = new SseStream(reply);
      sse.send({ ...base(), choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      const outcome = await done;
      if (outcome.status === 'ok') {
        sse.send({ ...base(), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
        if (outcome.usage) sse.send({ ...base(), choices: [], usage: usageOf(outcome.usage) });
      } else {
        sse.send(openAiRunError(outcome).body);
      }
      sse.end();
      return reply;
    }

    const { done } = agent.submit({
      agentId: who.agentId,
      sessionKey: who.sessionKey,
      message: who.stable ? prompt.message : withHistory(prompt),
      extraSystemPrompt: prompt.extraSystemPrompt,
      signal,
    });
    const outcome = await done;
    if (outcome.status !== 'ok') {
      const { status, body: err } = openAiRunError(outcome);
      return reply.code(status).send(err);
    }
    return {
      id: `${id}${outcome.runId}`,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: outcome.text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: usageOf(outcome.usage ?? { inputTokens: 0, outputTokens: 0 }),
    };
  });
}

function usageOf(u: { inputTokens: number; outputTokens: number }) {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
  };
}
