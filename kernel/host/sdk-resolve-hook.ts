/**
 * Module resolve hook (node:module `register`): a third-party plugin's
 * `import ... from 'moltbot-gateway/sdk'` resolves to the SDK of the gateway that loads it,
 * wherever the plugin is installed. One SDK instance per process, so `PluginError`,
 * `definePlugin` marks and SDK_VERSION are the kernel's own.
 */
interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

let sdkParentUrl: string | undefined;
/** The bundled gateway's SDK entry (dist/bundle/sdk.js), when the gateway runs bundled. */
let bundledSdkUrl: string | undefined;

export function initialize(data: { parentURL: string; sdkUrl?: string }): void {
  sdkParentUrl = data.parentURL;
  bundledSdkUrl = data.sdkUrl;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve,
): Promise<{ url: string; shortCircuit?: boolean }> {
  if (bundledSdkUrl && specifier === 'moltbot-gateway/sdk') return { url: bundledSdkUrl, shortCircuit: true };
  if (sdkParentUrl && (specifier === 'moltbot-gateway/sdk' || specifier.startsWith('moltbot-gateway/sdk/'))) {
    // Resolve as if imported from inside the gateway package (package self-reference).
    return nextResolve(specifier, { ...context, parentURL: sdkParentUrl });
  }
  return nextResolve(specifier, context);
}
