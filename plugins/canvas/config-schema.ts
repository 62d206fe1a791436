import { type Static, Type } from '../../sdk/index.js';

/** `canvasHost` (PROTOCOL.md "Other ports"): the agent's screen, served from the workspace. */
export const CanvasHostConfig = Type.Object(
  {
    enabled: Type.Boolean({ default: true, description: 'Serve the canvas (CLAWDBOT_SKIP_CANVAS_HOST=1 skips it)' }),
    port: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 65535,
        description: 'Port of the canvas file server (default gateway port + 4)',
      }),
    ),
    bind: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Address to listen on: loopback, lan, or an IP (default: the same as gateway.bind)',
      }),
    ),
    root: Type.Optional(
      Type.String({ minLength: 1, description: 'Folder served (default <workspace>/canvas, created on start)' }),
    ),
    liveReload: Type.Boolean({ default: true, description: 'Reload open pages when a file in the root changes' }),
    auth: Type.Union([Type.Literal('auto'), Type.Literal('always')], {
      default: 'auto',
      description:
        'auto: the gateway secret or a canvas token is required when bound beyond loopback; always: also on loopback',
    }),
    tokenTtlMs: Type.Integer({
      minimum: 10_000,
      maximum: 86_400_000,
      default: 600_000,
      description: 'Lifetime of a canvas token minted by canvas.token',
    }),
  },
  { additionalProperties: false },
);

export type CanvasHostConfig = Static<typeof CanvasHostConfig>;
