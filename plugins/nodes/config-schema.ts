import { type Static, Type } from '../../sdk/index.js';

const CommandList = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { default: [], maxItems: 1024, description });

/** `gateway.nodes`. */
export const NodesConfig = Type.Object({
  allowCommands: CommandList(
    'Node commands allowed beyond the safe default list of each platform (e.g. camera.snap); deny wins.',
  ),
  denyCommands: CommandList('Node commands never allowed, whatever the node declares or allowCommands says.'),
  invokeTimeoutMs: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: 30_000,
    description: 'How long node.invoke waits for the node when the caller gives no timeoutMs (default 30000).',
  }),
  maxInvokeTimeoutMs: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 600_000,
    description: 'The longest timeoutMs a caller may ask for (default 600000).',
  }),
});

export type NodesConfigT = Static<typeof NodesConfig>;
