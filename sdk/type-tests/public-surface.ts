/**
 * Compile-only type tests of the SDK's public surface: `npm run build` type-checks this file,
 * so a change that loosens the types a plugin author relies on fails the build. Every
 * `@ts-expect-error` below must stay an error.
 */
import {
  type AgentService,
  type ChannelAdapter,
  definePlugin,
  type PluginContext,
  PluginError,
  Type,
} from '../index.js';

export const typed = definePlugin({
  id: 'typed',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: Type.Object({ greeting: Type.String(), times: Type.Optional(Type.Integer()) }),
  dependsOn: ['agent'],
  register(app, ctx) {
    const greeting: string = ctx.config.greeting;
    const times: number | undefined = ctx.config.times;
    // @ts-expect-error — not in the config schema
    void ctx.config.missing;
    // @ts-expect-error — wrong type
    const wrong: number = ctx.config.greeting;

    ctx.methods.register('typed.hello', {
      scope: 'operator.read',
      params: Type.Object({ name: Type.String(), loud: Type.Optional(Type.Boolean()) }),
      handler: (params, call) => {
        const name: string = params.name;
        const loud: boolean | undefined = params.loud;
        // @ts-expect-error — not a declared param
        void params.nope;
        call.accept({ status: 'accepted' });
        return { text: `${greeting} ${name}${loud ? '!' : ''}`.repeat(times ?? 1), by: call.caller.clientId };
      },
    });
    ctx.methods.register('typed.admin', {
      // @ts-expect-error — not a scope
      scope: 'root',
      params: Type.Object({}),
      handler: () => null,
    });

    // First-party services are typed through ServiceMap.
    const agent: AgentService | undefined = ctx.services.get('agent');
    void agent?.submit({ sessionKey: 'agent:main:main', message: 'hi' }).runId;
    // @ts-expect-error — submit needs a sessionKey
    void agent?.submit({ message: 'hi' });

    ctx.lease.defer('close', () => undefined);
    ctx.lease.interval('tick', 1000, () => undefined);
    app.get('/typed', async () => ({ ok: true }));
    void wrong;
  },
});

export const channel: ChannelAdapter = {
  id: 'c',
  label: 'C',
  capabilities: { textLimit: 100, media: false, groups: false, typing: false, reactions: false },
  status: () => ({ linked: true, accounts: [] }),
  send: async () => ({}),
};

// @ts-expect-error — capabilities are required
export const incomplete: ChannelAdapter = {
  id: 'x',
  label: 'X',
  status: () => ({ linked: false, accounts: [] }),
  send: async () => ({}),
};

export const err = new PluginError('GW_ERR_TYPED_X', 'INVALID_REQUEST', 'x');
// @ts-expect-error — not a wire code
export const badErr = new PluginError('GW_ERR_TYPED_Y', 'TEAPOT', 'y');

export type Ctx = PluginContext<{ a: string }>;
