import { EndpointToolsConfig, type Static, Type } from '../../sdk/index.js';

/** `gateway.http.endpoints.responses`. */
export const ResponsesHttpConfig = Type.Object({
  enabled: Type.Optional(Type.Boolean({ description: 'Serve POST /v1/responses (default false).' })),
  maxBodyBytes: Type.Integer({
    minimum: 1024,
    maximum: 20 * 1024 * 1024,
    default: 2 * 1024 * 1024,
    description: 'Largest accepted request body (413 above).',
  }),
  retention: Type.Object(
    {
      days: Type.Number({
        minimum: 0.001,
        maximum: 3650,
        default: 30,
        description: 'How long responses stay retrievable (GET /v1/responses/{id}, previous_response_id).',
      }),
      maxResponses: Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        default: 10_000,
        description: 'At most this many kept.',
      }),
    },
    { default: {}, additionalProperties: false },
  ),
  images: Type.Object(
    {
      allowUrl: Type.Boolean({
        default: true,
        description: 'Accept input_image by http(s) URL (the model provider fetches it); false: data URLs only.',
      }),
    },
    { default: {}, additionalProperties: true },
  ),
  tools: EndpointToolsConfig,
});

export type ResponsesHttpConfigT = Static<typeof ResponsesHttpConfig>;
