import { type Static, Type } from '../../sdk/index.js';

/** `plugins.entries.delivery.config`: tuning of the durable queues and pairing (all optional). */
export const deliveryConfigSchema = Type.Object(
  {
    outbound: Type.Object(
      {
        /** Attempts before a message goes to the dead-letter list. */
        maxAttempts: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
        /** First retry delay; doubles per attempt (with jitter) up to `maxBackoffMs`. */
        baseBackoffMs: Type.Integer({ minimum: 50, maximum: 600_000, default: 1000 }),
        maxBackoffMs: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
        /** Extra folders local media files may be sent from (besides <state>/media and the workspace). */
        mediaRoots: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
      },
      { default: {}, additionalProperties: false },
    ),
    inboundMedia: Type.Object(
      {
        /** Saved attachments older than this are deleted (the hourly sweep). */
        retentionDays: Type.Integer({ minimum: 1, maximum: 3650, default: 7 }),
        /** The folder is kept under this size, oldest files first. */
        maxTotalMb: Type.Integer({ minimum: 10, maximum: 1_000_000, default: 2048 }),
      },
      { default: {}, additionalProperties: false },
    ),
    pairing: Type.Object(
      {
        /** How long a pairing code stays valid. */
        codeTtlMs: Type.Integer({ minimum: 60_000, default: 3_600_000 }),
        /** Pending requests per channel account; further strangers are ignored until some resolve. */
        maxPending: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { default: {}, additionalProperties: false },
);

export type DeliveryConfig = Static<typeof deliveryConfigSchema>;
