import { type Static, Type } from '../../sdk/index.js';

/**
 * `gateway.controlUi` as this plugin reads it. `allowedOrigins` in the same block belongs to the
 * kernel (its Origin check reads and validates it), so it is not repeated here.
 */
export const ControlUiConfig = Type.Object({
  enabled: Type.Boolean({ default: true, description: 'Serve the web dashboard (default true).' }),
  basePath: Type.String({
    default: '/',
    maxLength: 128,
    pattern: '^/([A-Za-z0-9._~-]+/?)*$',
    description: 'URL path the dashboard is served under, e.g. "/" or "/moltbot/" (default "/").',
  }),
});

export type ControlUiConfigT = Static<typeof ControlUiConfig>;
