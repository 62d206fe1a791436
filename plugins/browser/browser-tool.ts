import { type AgentTool, Type } from '../../sdk/index.js';
import { BROWSER_ACTIONS, type BrowserController } from './browser-controller.js';

const Params = Type.Object({
  action: Type.Union(
    BROWSER_ACTIONS.map((a) => Type.Literal(a)),
    {
      description:
        'status/start/stop the browser; tabs/open/focus/close tabs; navigate; snapshot (the page as text, ' +
        'elements tagged [ref=eN]); click/type/select/press by ref; screenshot (PNG file); pdf; profiles',
    },
  ),
  profile: Type.Optional(Type.String({ description: 'Browser profile (default: the managed "clawd" browser)' })),
  url: Type.Optional(Type.String({ description: 'For open and navigate' })),
  targetUrl: Type.Optional(Type.String({ description: 'Same as url' })),
  targetId: Type.Optional(Type.String({ description: 'Tab id from tabs/open (default: the active tab)' })),
  ref: Type.Optional(Type.String({ description: 'Element ref from the latest snapshot, e.g. e12' })),
  text: Type.Optional(Type.String({ description: 'For type' })),
  submit: Type.Optional(Type.Boolean({ description: 'For type: press Enter afterwards' })),
  values: Type.Optional(Type.Array(Type.String(), { description: 'For select: option values or labels' })),
  key: Type.Optional(Type.String({ description: 'For press, e.g. Enter, ArrowDown, Control+A' })),
  fullPage: Type.Optional(Type.Boolean({ description: 'For screenshot' })),
  maxChars: Type.Optional(Type.Integer({ minimum: 1000, description: 'For snapshot' })),
  name: Type.Optional(Type.String({ description: 'For create-profile/delete-profile' })),
  request: Type.Optional(
    Type.Object({}, { additionalProperties: true, description: 'For act: {kind: click|type|select|press, ref, …}' }),
  ),
});

/** The agent tool `browser`: the same controller as `browser.request`. */
export function browserTool(controller: () => BrowserController): AgentTool {
  return {
    name: 'browser',
    description:
      'Your own web browser (Chromium). Open or navigate to a URL, then take a snapshot to read the page: ' +
      'interactive elements carry refs like [ref=e3]; click, type or select by ref, then snapshot again. ' +
      'Screenshots are saved as PNG files (the result names the path). Local and private addresses are refused.',
    parameters: Params,
    // It reaches outside the gateway: not over HTTP /tools/invoke unless allowed there.
    dangerous: true,
    execute(args: Record<string, unknown>) {
      const { action, profile, targetUrl, request, ...rest } = args;
      const flat: Record<string, unknown> = { ...rest };
      if (flat.url === undefined && targetUrl !== undefined) flat.url = targetUrl;
      if (action === 'act' && request && typeof request === 'object') Object.assign(flat, request);
      return controller().run(profile as string | undefined, action as string, flat);
    },
  };
}
