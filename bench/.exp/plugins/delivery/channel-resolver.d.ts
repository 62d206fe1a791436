import type { ChannelAdapter, ChannelRegistrar } from '../../sdk/index.js';
/**
 * The adapter (and account) a request means: the named channel, or — when none is named —
 * the only loaded channel, or the first linked one.
 */
export declare function resolveChannel(channels: ChannelRegistrar, requested?: string): ChannelAdapter;
export declare function resolveAccount(adapter: ChannelAdapter, requested?: string, options?: {
    requireUsable?: boolean;
}): string;
