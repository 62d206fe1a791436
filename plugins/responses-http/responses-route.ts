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
import {
  ResponsesBody,
  type ResponsesBodyT,
  refuseUnsupported,
  responsesBodyError,
  responsesConversation,
} from './response-input.js';
import { functionCallItem, messageItem, type ResponseMeta, responseObject } from './response-object.js';
import type { ResponseStore } from './response-store.js';

type Submit = (onEvent?: Parameters<AgentService['submit']>[0]['onEvent']) => {
  runId: string;
  done: Promise<AgentRunResult>;
};

/**
 * `POST /v1/responses` (OpenResponses): JSON, or SSE events `response.*` when `stream:true`;
 * `previous_response_id` continues the conversation of a stored response; `GET` and `DELETE
 * /v1/responses/{id}` read and forget one. Responses are stored unless `store:false`.
 */
export function registerResponses(
  app: PluginApp,
  ctx: PluginContext<ResponsesHttpConfigT>,
  stored: ResponseStore,
): void {
  const agentOf = () => {
    const agent = ctx.services.get('agent') as AgentService | undefined;
    if (!agent)
      throw responsesError(
        'GW_ERR_RESPONSES_HTTP_AGENT_UNAVAILABLE',
        'the agent runtime (plugin "agent") is not loaded',
      );
    return agent;
  };
  const notFound = (id: string, param?: string) =>
    responsesError(
      'GW_ERR_RESPONSES_HTTP_NOT_FOUND',
      `no response "${id}": it was never stored (store:false), was deleted, or is older than ` +
        `gateway.http.endpoints.responses.retention.days (${ctx.config.retention.days})`,
      param ? { details: { param } } : {},
    );

  app.get<{ Params: { id: string } }>('/v1/responses/:id', async (req) => {
    const found = stored.get(req.params.id);
    if (!found) throw notFound(req.params.id);
    return found.body;
  });

  app.delete<{ Params: { id: string } }>('/v1/responses/:id', async (req) => {
    if (!stored.get(req.params.id) || !stored.delete(req.params.id)) throw notFound(req.params.id);
    return { id: req.params.id, object: 'response', deleted: true };
  });

  app.post<{ Body: ResponsesBodyT }>(
    '/v1/responses',
    {
      bodyLimit: ctx.config.maxBodyBytes,
      schema: { body: ResponsesBody },
      config: { schemaError: responsesBodyError },
    },
    async (req, reply) => {
      const body = req.body;
      refuseUnsupported(body);
      const conversation = responsesConversation(body);
      if (!ctx.config.images.allowUrl) {
        const byUrl = conversation.images.find((img) => /^https?:/i.test(img.url));
        if (byUrl)
          throw responsesError(
            'GW_ERR_RESPONSES_HTTP_UNSUPPORTED',
            'images by URL are off (gateway.http.endpoints.responses.images.allowUrl: false): send a data: URL',
            { details: { param: 'input' } },
          );
      }
      const agent = agentOf();
      const previous = body.previous_response_id ?? undefined;
      let who: { agentId: string; sessionKey: string; stable: boolean };
      if (previous) {
        const prior = stored.get(previous);
        if (!prior) throw notFound(previous, 'previous_response_id');
        who = { agentId: prior.agentId, sessionKey: prior.sessionKey, stable: true };
      } else {
        who = target(req, body, agent.agents?.().find((a) => a.default)?.id ?? 'main');
      }
      const store = body.store !== false;
      const signal = clientGone(reply);
      const submit: Submit = (onEvent) =>
        agent.submit({
          agentId: who.agentId,
          sessionKey: who.sessionKey,
          message: conversation.message,
          images: conversation.images,
          history: conversation.history,
          toolResults: conversation.toolResults,
          extraSystemPrompt: conversation.extraSystemPrompt,
          clientTools: body.tool_choice === 'none' ? [] : conversation.tools,
          dangerousToolsAllowed: ctx.config.tools.allow,
          signal,
          onEvent,
        });
      const meta = (runId: string): ResponseMeta => ({
        id: `resp_${runId}`,
        createdAt: Math.floor(Date.now() / 1000),
        model: body.model ?? `moltbot:${who.agentId}`,
        instructions: typeof body.instructions === 'string' ? body.instructions : undefined,
        previousResponseId: previous,
        store,
        metadata: body.metadata ?? undefined,
      });
      // What becomes of the response and its session once the run is over.
      const keep = (m: ResponseMeta, obj: Record<string, unknown>) => {
        if (store)
          stored.save({ id: m.id, sessionKey: who.sessionKey, agentId: who.agentId, body: obj, createdAt: Date.now() });
        // store:false on a conversation of its own: nothing of it is kept.
        else if (!who.stable) agent.deleteSession?.(who.sessionKey);
      };

      if (body.stream !== true) {
        const { runId, done } = submit();
        const m = meta(runId);
        if (store) keep(m, responseObject(m));
        const outcome = await done;
        const obj = responseObject(m, outcome);
        keep(m, obj);
        if (outcome.status !== 'ok') {
          const { status, body: err } = openAiRunError(outcome);
          return reply.code(status).send(err);
        }
        return obj;
      }
      return stream(reply, submit, meta, keep);
    },
  );
}

async function stream(
  reply: FastifyReply,
  submit: Submit,
  metaOf: (runId: string) => ResponseMeta,
  keep: (meta: ResponseMeta, obj: Record<string, unknown>) => void,
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
  if (meta.store) keep(meta, responseObject(meta));
  send('response.created', { response: responseObject(meta) });
  send('response.in_progress', { response: responseObject(meta) });
  const outcome = await done;
  const final = responseObject(meta, outcome);
  keep(meta, final);
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
    send('response.completed', { response: final });
  } else {
    send('response.failed', { response: final });
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
