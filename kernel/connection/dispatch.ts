import type { MethodCall } from '../../sdk/context.js';
import type { IdempotentOutcome } from '../bus/idempotency-cache.js';
import { hasScope } from '../bus/scopes.js';
import { kernelError } from '../errors.js';
import { untrustedText } from '../logging/untrusted-text.js';
import { CloseCode, MAX_BUFFERED_BYTES, requestFrame } from '../protocol/frames.js';
import { SerializedPayload } from '../protocol/serialized-payload.js';
import type { KernelRuntime } from '../runtime.js';
import { describeProblems } from '../schema/compiled.js';
import { wireError } from '../wire-error.js';
import type { ClientConnection } from './client-connection.js';

/** A response must leave room in the send buffer for the events around it. */
const MAX_RESPONSE_CHARS = MAX_BUFFERED_BYTES - 64 * 1024;

/**
 * A frame after the handshake. Every request with an id gets exactly one final response (the
 * `accept()` acknowledgement is an extra, earlier one); a malformed frame is answered when it
 * has an id, otherwise the connection is closed 1008 — no other client is affected.
 */
export function handleFrame(rt: KernelRuntime, conn: ClientConnection, text: string): void {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    conn.close(CloseCode.policyViolation, 'invalid frame: not JSON');
    return;
  }
  if (!requestFrame.check(frame)) {
    const id = (frame as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.length > 0 && id.length <= 256) {
      conn.sendFrame({
        type: 'res',
        id,
        ok: false,
        error: wireError(
          kernelError(
            'GW_ERR_FRAME_INVALID',
            `invalid request frame: ${describeProblems(requestFrame.problems(frame), 'frame')}; expected ` +
              '{"type":"req","id":string,"method":string,"params"?:…}',
          ),
        ).error,
      });
      return;
    }
    conn.close(CloseCode.policyViolation, 'invalid frame: expected a request with a string id');
    return;
  }
  const { id, method, params } = frame as { id: string; method: string; params?: unknown };
  void dispatch(rt, conn, id, method, params);
}

async function dispatch(
  rt: KernelRuntime,
  conn: ClientConnection,
  id: string,
  method: string,
  rawParams: unknown,
): Promise<void> {
  const started = Date.now();
  let final = false;
  const respond = (ok: boolean, payloadOrError: unknown, errorPayload?: unknown) => {
    if (final) return;
    let text: string;
    try {
      text =
        ok && payloadOrError instanceof SerializedPayload
          ? `{"type":"res","id":${JSON.stringify(id)},"ok":true,"payload":${payloadOrError.json}}`
          : JSON.stringify(
              ok
                ? { type: 'res', id, ok: true, payload: payloadOrError }
                : {
                    type: 'res',
                    id,
                    ok: false,
                    ...(errorPayload === undefined ? {} : { payload: errorPayload }),
                    error: payloadOrError,
                  },
            );
    } catch (err) {
      // A payload JSON cannot carry (BigInt, a cycle) still gets exactly one final answer.
      rt.logger.error({ err, method: untrustedText(method, 64) }, 'response could not be serialized');
      text = JSON.stringify({ type: 'res', id, ok: false, error: wireError(err).error });
      ok = false;
    }
    final = true;
    // One response bigger than the whole send buffer would cut a healthy client as a slow
    // consumer (1013): answer with an error it can act on instead.
    if (text.length > MAX_RESPONSE_CHARS) {
      rt.logger.warn(
        { connId: conn.id, method: untrustedText(method, 64), chars: text.length },
        'response too large; answered with an error',
      );
      text = JSON.stringify({
        type: 'res',
        id,
        ok: false,
        error: wireError(
          kernelError(
            'GW_ERR_RESPONSE_TOO_LARGE',
            `the ${method} response (${text.length} bytes) is larger than the ${MAX_BUFFERED_BYTES}-byte send limit; ` +
              'ask for less (e.g. a smaller limit or maxBytes)',
            { details: { bytes: text.length, limit: MAX_BUFFERED_BYTES } },
          ),
        ).error,
      });
      ok = false;
    }
    conn.sendText(text);
    // Labelled by registered method names only: a flood of made-up names cannot grow the series.
    rt.metrics.requestAnswered(
      rt.methods.get(method) ? method : 'unknown',
      ok ? 'ok' : String((payloadOrError as { code?: unknown })?.code ?? 'INTERNAL'),
      (Date.now() - started) / 1000,
    );
    if (rt.verbose)
      rt.logger.debug(
        { connId: conn.id, id: untrustedText(id, 64), method: untrustedText(method, 64), ok, ms: Date.now() - started },
        'res',
      );
  };
  if (rt.verbose)
    rt.logger.debug({ connId: conn.id, id: untrustedText(id, 64), method: untrustedText(method, 64) }, 'req');
  try {
    if (method === 'connect')
      throw kernelError('GW_ERR_FRAME_INVALID', 'already connected: connect is only valid as the first frame');
    const entry = rt.methods.get(method);
    if (!entry)
      throw kernelError(
        'GW_ERR_METHOD_UNKNOWN',
        `unknown method "${untrustedText(method, 64)}"; hello-ok.features.methods lists ` +
          'the methods this gateway serves',
      );
    // A method that may write moves the clock: a `status` memoized this turn is not reused after it.
    if (entry.scope !== 'operator.read') rt.broadcaster.activity.tick();
    const caller = conn.caller!;
    if (!hasScope(caller.scopes, entry.scope)) {
      throw kernelError(
        'GW_ERR_SCOPE_FORBIDDEN',
        `method ${method} needs scope ${entry.scope}; this connection holds ${caller.scopes.join(', ') || 'none'}`,
      );
    }
    const params = rawParams === undefined ? {} : rawParams;
    if (!entry.params.check(params)) {
      throw kernelError(
        'GW_ERR_PARAMS_INVALID',
        `invalid params for ${method}: ${describeProblems(entry.params.problems(params), 'params')}`,
      );
    }
    if (entry.idempotent && !rt.acceptingWork) {
      throw kernelError('GW_ERR_DRAINING', 'the gateway is restarting; retry shortly', {
        retryable: true,
        retryAfterMs: 1000,
      });
    }

    let ackSent = false;
    const sendAck = (payload: unknown) => {
      if (ackSent || final) return;
      ackSent = true;
      conn.sendFrame({ type: 'res', id, ok: true, payload });
    };

    if (entry.idempotent) {
      const key = (params as { idempotencyKey?: unknown }).idempotencyKey;
      if (typeof key !== 'string' || key.length === 0)
        throw kernelError(
          'GW_ERR_PARAMS_INVALID',
          `invalid params for ${method}: params.idempotencyKey is required (a unique string per logical request)`,
        );
      const cacheKey = `${method}\u0000${key}`;
      const seen = rt.idempotency.get(cacheKey);
      if (seen) {
        if (seen.ack !== undefined) sendAck(seen.ack);
        else seen.ackListeners.push(sendAck);
        respond(true, await seen.final);
        return;
      }
      const outcome: IdempotentOutcome = { final: Promise.resolve(), ackListeners: [] };
      const call = makeCall(conn, (payload) => {
        if (outcome.ack !== undefined) return;
        outcome.ack = payload;
        sendAck(payload);
        for (const l of outcome.ackListeners.splice(0)) l(payload);
      });
      outcome.final = Promise.resolve().then(() => entry.handler(params, call));
      rt.idempotency.set(cacheKey, outcome);
      // A failed attempt may be retried with the same key: forget it.
      outcome.final.catch(() => rt.idempotency.delete(cacheKey));
      respond(true, await outcome.final);
      return;
    }
    respond(true, await entry.handler(params, makeCall(conn, sendAck)));
  } catch (err) {
    const wire = wireError(err).error;
    if (wire.code === 'INTERNAL') rt.logger.error({ err, method, connId: conn.id }, 'method failed');
    respond(false, wire, wire.code === 'INTERNAL' ? undefined : (err as { payload?: unknown }).payload);
  }
}

function makeCall(conn: ClientConnection, accept: (payload: unknown) => void): MethodCall {
  return {
    caller: conn.caller!,
    signal: conn.closed.signal,
    accept,
    sendEvent: (event, payload) => void conn.sendFrame({ type: 'event', event, payload }),
  };
}
