import { type Static, Type } from '../../sdk/index.js';

/** `gateway.http.toolsInvoke`. */
export const ToolsInvokeConfig = Type.Object({
  allow: Type.Array(Type.String({ minLength: 1 }), {
    default: [],
    description:
      'Dangerous tools (they change the gateway or reach outside: gateway, message, cron, node invocation, ' +
      'exec-like) permitted over HTTP; globs with * allowed.',
  }),
  maxBodyBytes: Type.Integer({
    minimum: 1024,
    maximum: 2 * 1024 * 1024,
    default: 2 * 1024 * 1024,
    description: 'Largest accepted body (413 above); at most 2 MB.',
  }),
});

export type ToolsInvokeConfigT = Static<typeof ToolsInvokeConfig>;
