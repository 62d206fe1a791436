import { type Static, Type } from '../../../sdk/index.js';
import { PERIOD_PATTERN } from './heartbeat-period.js';
import { isTimeZone } from './time-zone.js';

const ClockTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$',
  description: 'Local time "HH:MM" (24-hour clock; "24:00" = end of day).',
});

const TimeZone = Type.Refine(
  Type.String({ minLength: 1 }),
  (tz: string) => isTimeZone(tz),
  (tz: string) => `"${tz}" is not a time zone: use an IANA name, e.g. "Europe/Berlin" or "UTC"`,
);

/** `agents.defaults.heartbeat`: the main session wakes on its own every `every`. */
export const HeartbeatConfig = Type.Object(
  {
    every: Type.Optional(
      Type.String({
        pattern: PERIOD_PATTERN,
        description: 'Period, e.g. "30m", "1h", "45s" (a bare number is minutes); absent or "0m" = off.',
      }),
    ),
    prompt: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20_000, description: 'What the heartbeat turn asks the agent.' }),
    ),
    activeHours: Type.Optional(
      Type.Object(
        {
          start: ClockTime,
          end: ClockTime,
          tz: Type.Optional(TimeZone),
        },
        { additionalProperties: false, description: 'Periodic heartbeats only between start and end (local time).' },
      ),
    ),
    target: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Where a reply goes: "last" (default: where the user last talked), "none", or a channel id.',
      }),
    ),
    to: Type.Optional(Type.String({ minLength: 1, description: 'Recipient when target is a channel id.' })),
    accountId: Type.Optional(Type.String({ minLength: 1 })),
    model: Type.Optional(Type.String({ minLength: 1, description: '"provider/model" for heartbeat turns.' })),
    ackMaxChars: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      default: 300,
      description: 'A reply with HEARTBEAT_OK and at most this many other characters is not delivered.',
    }),
  },
  // Other keys of Moltbot's heartbeat block are accepted and ignored, so existing configs load.
  { description: 'The main session wakes on its own every `every` (off unless set).' },
);

export type HeartbeatConfigT = Static<typeof HeartbeatConfig>;
