import { EndpointToolsConfig, type Static, Type } from '../../sdk/index.js';

/** `gateway.http.endpoints.chatCompletions`. */
export const OpenAiHttpConfig = Type.Object({
  enabled: Type.Optional(
    Type.Boolean({ description: 'Serve POST /v1/chat/completions and GET /v1/models (default false).' }),
  ),
  maxBodyBytes: Type.Integer({
    minimum: 1024,
    maximum: 20 * 1024 * 1024,
    default: 2 * 1024 * 1024,
    description: 'Largest accepted request body (413 above).',
  }),
  tools: EndpointToolsConfig,
});

export type OpenAiHttpConfigT = Static<typeof OpenAiHttpConfig>;
