import { Type, type Static } from '../../sdk/index.js';
/** `plugins.entries.delivery.config`: tuning of the durable queues and pairing (all optional). */
export declare const deliveryConfigSchema: Type.TObject<{
    outbound: Type.TObject<{
        /** Attempts before a message goes to the dead-letter list. */
        maxAttempts: Type.TInteger;
        /** First retry delay; doubles per attempt (with jitter) up to `maxBackoffMs`. */
        baseBackoffMs: Type.TInteger;
        maxBackoffMs: Type.TInteger;
    }>;
    pairing: Type.TObject<{
        /** How long a pairing code stays valid. */
        codeTtlMs: Type.TInteger;
        /** Pending requests per channel account; further strangers are ignored until some resolve. */
        maxPending: Type.TInteger;
    }>;
}>;
export type DeliveryConfig = Static<typeof deliveryConfigSchema>;
