import { definePlugin } from '../../sdk/index.js';
import { loadAppAssets } from './app-assets.js';
import { normalizeBasePath } from './base-path.js';
import { ControlUiConfig } from './config-schema.js';
import { registerUiRoutes } from './ui-routes.js';

export default definePlugin({
  id: 'control-ui',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'gateway.controlUi',
  configSchema: ControlUiConfig,
  description:
    'The web dashboard: a Lit app served under gateway.controlUi.basePath that speaks the WebSocket protocol.',
  async register(app, ctx) {
    const assets = loadAppAssets();
    const basePath = normalizeBasePath(ctx.config.basePath);
    await registerUiRoutes(app, assets, basePath);
    ctx.logger.debug({ basePath, shellJsGzip: assets.manifest.shellJsGzip }, 'control UI served');
  },
});
