import type { PluginContext } from '../../sdk/index.js';
import type { DeliveryConfig } from './config-schema.js';
/** Wire the stores, queues, services and methods of one generation of the delivery plugin. */
export declare function startDelivery(ctx: PluginContext<DeliveryConfig>): void;
