import { acceptJsonBodiesOnly, definePlugin, useErrorBody } from '../../sdk/index.js';
import { ToolsInvokeConfig } from './config-schema.js';
import { toolsInvokeErrorBody } from './errors.js';
import { registerInvokeRoute } from './invoke-route.js';

export default definePlugin({
  id: 'tools-invoke',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'gateway.http.toolsInvoke',
  configSchema: ToolsInvokeConfig,
  dependsOn: ['agent'],
  description: 'POST /tools/invoke: run one agent tool over HTTP (bearer auth, tool policy, dangerous tools opt-in).',
  register(app, ctx) {
    acceptJsonBodiesOnly(app);
    // Its own errors and the kernel's refusals on /tools/invoke in the documented {ok:false, error} body.
    useErrorBody(app, toolsInvokeErrorBody);
    registerInvokeRoute(app, ctx);
  },
});
