/**
 * OpenAI endpoint overhead: `POST /v1/chat/completions` through the gateway (openai-http plugin
 * → agent run → fake provider) against the same request sent straight to the fake provider, by
 * the same client, alternating, so that both see the same machine. The baseline column is the
 * direct call; "added" is the difference of the medians. Non-stream: until the whole answer;
 * SSE: until the first chunk with content (the gateway's own empty role chunk does not count).
 */
import http from 'node:http';
import { fakeProviderConfig } from '../lib/agent-config.js';
import { readCpuMs } from '../lib/cpu.js';
import { FAKE_MODEL, FAKE_PROVIDER_KEY, startFakeModelProvider } from '../lib/fakes.js';
import { type PostResult, postJson } from '../lib/http-post.js';
import { waitForPlugins } from '../lib/plugin-status.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

/** The assistant text of a completion, or of an SSE stream (its content deltas joined). */
function answerText(result: PostResult): string {
  if (result.firstContentAt === undefined && !result.body.startsWith('data:')) {
    try {
      return String(
        (JSON.parse(result.body) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message
          ?.content ?? '',
      );
    } catch {
      return '';
    }
  }
  let text = '';
  for (const m of result.body.matchAll(/^data: (.+)$/gm)) {
    if (m[1] === '[DONE]') continue;
    try {
      const content = (JSON.parse(m[1]!) as { choices?: { delta?: { content?: unknown } }[] }).choices?.[0]?.delta
        ?.content;
      if (typeof content === 'string') text += content;
    } catch {
      // not a chunk
    }
  }
  return text;
}

/** Asserts an answer is the fake's echo of `text`, so a fast error page cannot pass as a result. */
function expectEcho(result: PostResult, text: string, where: string): void {
  if (result.status !== 200) throw new Error(`${where}: HTTP ${result.status}: ${result.body.slice(0, 300)}`);
  const answer = answerText(result);
  if (!answer.startsWith('echo: ') || !answer.includes(text)) {
    throw new Error(`${where}: the answer does not echo "${text}": ${result.body.slice(0, 300)}`);
  }
}

const workload: Workload = {
  name: 'openai',
  title: 'OpenAI endpoint',
  targets: ['gateway'],
  async run(target, opts) {
    const count = opts.quick ? 20 : 300;
    const warmup = opts.quick ? 3 : 20;
    const provider = await startFakeModelProvider();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const config = {
        ...fakeProviderConfig(provider),
        gateway: { http: { endpoints: { chatCompletions: { enabled: true } } } },
      };
      const server = await target.start({ config });
      try {
        const admin = await ProtocolClient.connect({
          url: server.url,
          connectParams: target.connectParams(server.token),
        });
        try {
          await waitForPlugins(admin, ['agent', 'openai-http']);
        } finally {
          await admin.close();
        }
        const viaUrl = `http://127.0.0.1:${server.port}/v1/chat/completions`;
        const viaHeaders = { authorization: `Bearer ${server.token}` };
        const directUrl = `${provider.baseUrl}/chat/completions`;
        const directHeaders = { authorization: `Bearer ${FAKE_PROVIDER_KEY}` };
        const request = (text: string, stream: boolean, model: string) => ({
          model,
          messages: [{ role: 'user', content: text }],
          ...(stream ? { stream: true } : {}),
        });

        const direct = { plain: [] as number[], firstChunk: [] as number[] };
        const via = { plain: [] as number[], firstChunk: [] as number[] };
        let cpuMs = 0;
        for (let i = 0; i < warmup + count; i++) {
          const text = `bench openai ${i}`;
          const cpu0 = readCpuMs(server.pid);
          const d = await postJson(agent, directUrl, directHeaders, request(text, false, FAKE_MODEL));
          expectEcho(d, text, 'fake provider');
          const g = await postJson(agent, viaUrl, viaHeaders, request(text, false, 'moltbot:main'));
          expectEcho(g, text, 'gateway');
          const ds = await postJson(agent, directUrl, directHeaders, request(text, true, FAKE_MODEL));
          expectEcho(ds, text, 'fake provider (stream)');
          const gs = await postJson(agent, viaUrl, viaHeaders, request(text, true, 'moltbot:main'));
          expectEcho(gs, text, 'gateway (stream)');
          if (ds.firstContentAt === undefined || gs.firstContentAt === undefined)
            throw new Error(
              `stream ${i}: no content chunk (direct ${ds.body.slice(0, 120)} / gateway ${gs.body.slice(0, 120)})`,
            );
          if (i < warmup) continue;
          cpuMs += readCpuMs(server.pid) - cpu0;
          direct.plain.push(d.doneAt - d.sentAt);
          via.plain.push(g.doneAt - g.sentAt);
          direct.firstChunk.push(ds.firstContentAt - ds.sentAt);
          via.firstChunk.push(gs.firstContentAt - gs.sentAt);
        }
        opts.log(`${count} × (direct, gateway) × (non-stream, SSE)`);
        const n = `${count} req.`;
        const measurements: Measurement[] = [
          {
            metric: `non-stream latency p50 (${n}; baseline = provider direct)`,
            value: median(via.plain),
            reference: median(direct.plain),
            unit: 'ms',
          },
          {
            metric: `non-stream latency p99 (${n}; baseline = provider direct)`,
            value: p99(via.plain),
            reference: p99(direct.plain),
            unit: 'ms',
          },
          {
            metric: 'non-stream: added by the gateway, p50',
            value: median(via.plain) - median(direct.plain),
            unit: 'ms',
            goal: { kind: 'at-most', value: 1 },
          },
          // Robust to a loaded machine (waits and context switches do not count): the gateway's own work.
          { metric: 'gateway CPU per turn (one non-stream + one SSE request, mean)', value: cpuMs / count, unit: 'ms' },
          {
            metric: `SSE first content chunk p50 (${n}; baseline = provider direct)`,
            value: median(via.firstChunk),
            reference: median(direct.firstChunk),
            unit: 'ms',
          },
          {
            metric: 'SSE first content chunk: added by the gateway, p50',
            value: median(via.firstChunk) - median(direct.firstChunk),
            unit: 'ms',
            goal: { kind: 'at-most', value: 1 },
          },
        ];
        return measurements;
      } finally {
        await server.stop();
      }
    } finally {
      agent.destroy();
      await provider.close();
    }
  },
};

export default workload;
