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
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{
    url: string;
}>;
export declare function initialize(data: {
    parentURL: string;
}): void;
export declare function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<{
    url: string;
}>;
export {};
