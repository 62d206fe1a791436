import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type AgentRunResult,
  type AgentService,
  clientGone,
  openAiRunError,
  type PluginApp,
  type PluginContext,
} from '../../sdk/index.js';
import type { ResponsesHttpConfigT } from './config-schema.js';
import { responsesError } from './errors.js';
import { responsesPrompt, withHistory } from './response-input.js';
import { functionCallItem, messageItem, type ResponseMeta, responseObject } from './response-object.js';
import { ResponsesBody, type ResponsesBodyT, responsesBodyError } from './responses-body.js';

/** `POST /v1/responses` (OpenResponses): JSON, or SSE events `response.*` when `stream:true`. */
export function registerResponses(app: PluginApp, ctx: PluginContext<ResponsesHttpConfigT>): void {
  const options = {
    bodyLimit: ctx.config.maxBodyBytes,
    schema: { body: ResponsesBody },
    config: { schemaError: responsesBodyError },
  };
  app.post('/v1/responses', options, async (req, reply) => {
    const body = req.body as ResponsesBodyT;
    const prompt = responsesPrompt(body);
    const agent = ctx.services.get('agent') as AgentService | undefined;
    if (!agent)
      throw responsesError(
        'GW_ERR_RESPONSES_HTTP_AGENT_UNAVAILABLE',
        'the agent runtime (plugin "agent") is not loaded',
      );
    const defaultAgent = agent.agents?.().find((a) => a.default)?.id ?? 'main';
    const who = target(req, body, defaultAgent);
    const signal = clientGone(reply);
    const submit = (onEvent?: Parameters<AgentService['submit']>[0]['onEvent']) =>
      agent.submit({
        agentId: who.agentId,
        sessionKey: who.sessionKey,
        message: who.stable ? prompt.message : withHistory(prompt),
        extraSystemPrompt: prompt.extraSystemPrompt,
        clientTools: prompt.tools,
        signal,
        onEvent,
      });
    const meta = (runId: string): ResponseMeta => ({
      id: `resp_${runId}`,
      createdAt: Math.floor(Date.now() / 1000),
      model: typeof body.model === 'string' ? body.model : `moltbot:${who.agentId}`,
      instructions: typeof body.instructions === 'string' ? body.instructions : undefined,
    });

    if (body.stream !== true) {
      const { runId, done } = submit();
      const outcome = await done;
      const obj = responseObject(meta(runId), outcome);
      if (outcome.status !== 'ok') {
        const { status, body: err } = openAiRunError(outcome);
        return reply.code(status).send(err);
      }
      return obj;
    }
    return stream(reply, submit, meta);
  });
}

async function stream(
  reply: FastifyReply,
  submit: (onEvent: NonNullable<Parameters<AgentService['submit']>[0]['onEvent']>) => {
    runId: string;
    done: Promise<AgentRunResult>;
  },
  metaOf: (runId: string) => ResponseMeta,
) {
  let seq = 0;
  let closed = false;
  const send = (type: string, data: Record<string, unknown>) => {
    if (closed || reply.raw.writableEnded) return;
    reply.raw.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`);
  };

  let messageOpen = false;
  let meta: ResponseMeta | undefined;
  let itemId = '';
  const openMessage = () => {
    if (messageOpen) return;
    messageOpen = true;
    send('response.output_item.added', { output_index: 0, item: messageItem(itemId, '', 'in_progress') });
    send('response.content_part.added', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    });
  };
  const { runId, done } = submit((ev) => {
    if (ev.stream !== 'assistant' || typeof ev.data.delta !== 'string' || !meta) return;
    openMessage();

    send('response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta: ev.data.delta });
  });
  meta = metaOf(runId);
  itemId = `msg_${runId}`;
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.flushHeaders();
  // A comment every 15 s keeps proxies from cutting the stream while tools run.
  const keepalive = setInterval(() => {
    if (!closed && !reply.raw.writableEnded) reply.raw.write(': keepalive\n\n');
  }, 15_000);
  keepalive.unref();
  reply.raw.once('close', () => {
    closed = true;
    clearInterval(keepalive);
  });
  send('response.created', { response: responseObject(meta) });
  send('response.in_progress', { response: responseObject(meta) });
  const outcome = await done;
  if (outcome.status === 'ok') {
    let index = 0;
    if (outcome.text || !outcome.clientToolCalls?.length) {
      openMessage();
      send('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text: outcome.text });
      send('response.content_part.done', {
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        part: { type: 'output_text', text: outcome.text, annotations: [] },
      });
      send('response.output_item.done', { output_index: 0, item: messageItem(itemId, outcome.text, 'completed') });
      index = 1;
    }
    for (const call of outcome.clientToolCalls ?? []) {
      const item = functionCallItem(call);
      send('response.output_item.added', {
        output_index: index,
        item: { ...item, arguments: '', status: 'in_progress' },
      });
      send('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: call.arguments });
      send('response.function_call_arguments.done', {
        item_id: item.id,
        output_index: index,
        arguments: call.arguments,
      });
      send('response.output_item.done', { output_index: index, item });
      index++;
    }
    send('response.completed', { response: responseObject(meta, outcome) });
  } else {
    send('response.failed', { response: responseObject(meta, outcome) });
  }
  clearInterval(keepalive);
  if (!closed && !reply.raw.writableEnded) {
    reply.raw.write('data: [DONE]\n\n');
    reply.raw.end();
  }
  return reply;
}

function target(
  req: FastifyRequest,
  body: ResponsesBodyT,
  defaultAgent: string,
): { agentId: string; sessionKey: string; stable: boolean } {
  const h = (n: string) => {
    const v = req.headers[n];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const fromModel = typeof body.model === 'string' ? /^(?:moltbot|agent):(.+)$/.exec(body.model)?.[1] : undefined;
  const agentId = h('x-moltbot-agent-id') ?? fromModel ?? defaultAgent;
  const session = h('x-moltbot-session-key');
  if (session) return { agentId, sessionKey: session, stable: true };
  if (typeof body.user === 'string' && body.user.trim())
    return {
      agentId,
      sessionKey: `agent:${agentId}:responses-user:${body.user
        .trim()
        .slice(0, 128)
        .replace(/[^A-Za-z0-9_.@+-]/g, '_')}`,
      stable: true,
    };
  return { agentId, sessionKey: `agent:${agentId}:responses:${crypto.randomUUID()}`, stable: false };
}
