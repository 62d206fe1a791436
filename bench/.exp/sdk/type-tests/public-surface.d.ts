/**
 * Compile-only type tests of the SDK's public surface: `npm run build` type-checks this file,
 * so a change that loosens the types a plugin author relies on fails the build. Every
 * `@ts-expect-error` below must stay an error.
 */
import { PluginError, Type, type ChannelAdapter, type PluginContext } from '../index.js';
export declare const typed: import("../define-plugin.js").PluginDefinition<Type.TObject<{
    greeting: Type.TString;
    times: Type.TOptional<Type.TInteger>;
}>>;
export declare const channel: ChannelAdapter;
export declare const incomplete: ChannelAdapter;
export declare const err: PluginError;
export declare const badErr: PluginError;
export type Ctx = PluginContext<{
    a: string;
}>;
