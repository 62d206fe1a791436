import { type Static, Type } from '../../sdk/index.js';

/** `gateway.http.endpoints.responses`. */
export const ResponsesHttpConfig = Type.Object({
  enabled: Type.Optional(Type.Boolean({ description: 'Serve POST /v1/responses (default false).' })),
  maxBodyBytes: Type.Integer({
    minimum: 1024,
    maximum: 20 * 1024 * 1024,
    default: 2 * 1024 * 1024,
    description: 'Largest accepted request body (413 above).',
  }),
});

export type ResponsesHttpConfigT = Static<typeof ResponsesHttpConfig>;
