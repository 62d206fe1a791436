import { type PluginContext } from '../../sdk/index.js';
import type { OutboundQueue } from './outbound-queue.js';
import type { PairingStore } from './pairing-store.js';
/** `pairing.list|approve|reject`: the operator's side of DM pairing. */
export declare function registerPairingMethods(ctx: PluginContext<unknown>, pairing: PairingStore, queue: OutboundQueue): void;
