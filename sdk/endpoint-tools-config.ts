import Type from 'typebox';

/**
 * The `tools` block of an HTTP endpoint that starts agent runs (chat completions, responses):
 * which dangerous agent tools those runs may offer the model. One schema, so the endpoints'
 * configs and docs cannot drift apart.
 */
export const EndpointToolsConfig = Type.Object(
  {
    allow: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description:
        'Dangerous agent tools (gateway, message, …) offered to the model in runs started here; names or * globs. ' +
        'Default: none of them.',
    }),
  },
  { default: {}, additionalProperties: false },
);
