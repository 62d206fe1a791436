import { type PluginContext } from '../../sdk/index.js';
import type { OutboundQueue } from './outbound-queue.js';
/** `send`: persist, acknowledge, deliver through the channel's durable outbound queue. */
export declare function registerSendMethod(ctx: PluginContext<unknown>, queue: OutboundQueue): void;
