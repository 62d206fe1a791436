import type { FastifyInstance } from 'fastify';
import { kernelError } from '../errors.js';
import { guardRequest } from '../http/http-guard.js';
import { sendRefusal } from '../http/http-refusal.js';
import type { KernelRuntime } from '../runtime.js';

/**
 * `GET /metrics`: Prometheus text format, behind the same Host check and bearer secret as every
 * other HTTP endpoint. 404 unless `gateway.metrics.enabled` (read per request, so the switch
 * applies without a restart). A kernel route on the outer instance: it survives every reload.
 */
export function registerMetricsEndpoint(
  app: FastifyInstance,
  runtime: () => KernelRuntime,
  enabled: () => boolean,
): void {
  app.get('/metrics', async (req, reply) => {
    const rt = runtime();
    if (!enabled()) {
      return sendRefusal(
        req,
        reply,
        kernelError('GW_ERR_NOT_FOUND', 'metrics are off: set gateway.metrics.enabled to true to serve GET /metrics'),
      );
    }
    const refused = await guardRequest(rt, req, reply);
    if (refused) return refused;
    const { contentType, text } = await rt.metrics.scrape();
    return reply.code(200).header('content-type', contentType).header('cache-control', 'no-store').send(text);
  });
}
