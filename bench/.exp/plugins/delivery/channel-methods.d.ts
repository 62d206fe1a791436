import { type PluginContext } from '../../sdk/index.js';
import type { InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';
/** `channels.status|login|logout` and dead-letter retry. */
export declare function registerChannelMethods(ctx: PluginContext<unknown>, queue: OutboundQueue, inbound: InboundStore): void;
