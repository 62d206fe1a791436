import type { FastifyReply } from 'fastify';

/**
 * Aborted when the HTTP client goes away before the response is complete (closed tab, `curl`
 * cancelled, an SDK timeout), with reason `Error('client disconnected')`. Pass it to the work the
 * request started (an agent run, a tool) so nobody works for a reader who left.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const ctl = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ctl.abort(new Error('client disconnected'));
  });
  return ctl.signal;
}
