import { Type } from '../../sdk/index.js';

/**
 * Wire schemas of the cron methods. Schedule, payload and delivery are checked for shape here
 * and for meaning in job-validation.ts, which names the field and a valid example.
 */

const NonEmpty = Type.String({ minLength: 1 });

export const ScheduleShape = Type.Object(
  {
    kind: Type.Union([Type.Literal('at'), Type.Literal('every'), Type.Literal('cron')]),
    at: Type.Optional(Type.String()),
    everyMs: Type.Optional(Type.Integer()),
    anchorMs: Type.Optional(Type.Integer()),
    expr: Type.Optional(Type.String()),
    tz: Type.Optional(Type.String()),
    staggerMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const PayloadShape = Type.Object(
  {
    kind: Type.Union([Type.Literal('systemEvent'), Type.Literal('agentTurn')]),
    text: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    model: Type.Optional(Type.String()),
    thinking: Type.Optional(Type.String()),
    timeoutSeconds: Type.Optional(Type.Number()),
  },
  // Moltbot's newer payload fields (fallbacks, toolsAllow, …) are accepted and ignored.
  { additionalProperties: true },
);

export const DeliveryShape = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('announce'), Type.Literal('webhook')])),
    channel: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    accountId: Type.Optional(Type.String()),
    bestEffort: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);

const SessionTarget = Type.Union([Type.Literal('main'), Type.Literal('isolated')]);
const WakeModeShape = Type.Union([Type.Literal('now'), Type.Literal('next-heartbeat')]);

const CommonOptional = {
  agentId: Type.Optional(Type.Union([NonEmpty, Type.Null()])),
  sessionKey: Type.Optional(Type.Union([NonEmpty, Type.Null()])),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  enabled: Type.Optional(Type.Boolean()),
  deleteAfterRun: Type.Optional(Type.Boolean()),
};

export const AddParams = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    ...CommonOptional,
    schedule: ScheduleShape,
    sessionTarget: Type.Optional(SessionTarget),
    wakeMode: Type.Optional(WakeModeShape),
    payload: PayloadShape,
    delivery: Type.Optional(DeliveryShape),
  },
  { additionalProperties: true },
);

export const PatchShape = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...CommonOptional,
    schedule: Type.Optional(ScheduleShape),
    sessionTarget: Type.Optional(SessionTarget),
    wakeMode: Type.Optional(WakeModeShape),
    payload: Type.Optional(PayloadShape),
    delivery: Type.Optional(DeliveryShape),
  },
  // `state` and Moltbot's newer fields are accepted and ignored (state belongs to the scheduler).
  { additionalProperties: true },
);

/** `{id}` or `{jobId}` (Moltbot accepts either wherever a job is named). */
const JobRef = {
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  jobId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

export const UpdateParams = Type.Object({ ...JobRef, patch: PatchShape }, { additionalProperties: false });
export const RemoveParams = Type.Object({ ...JobRef }, { additionalProperties: false });
export const RunParams = Type.Object(
  {
    ...JobRef,
    mode: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('force')])),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  },
  { additionalProperties: false },
);

export const ListParams = Type.Object(
  {
    includeDisabled: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    query: Type.Optional(Type.String({ maxLength: 200 })),
    enabled: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('enabled'), Type.Literal('disabled')])),
    sortBy: Type.Optional(Type.Union([Type.Literal('nextRunAtMs'), Type.Literal('updatedAtMs'), Type.Literal('name')])),
    sortDir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: false },
);

export const StatusParams = Type.Object({}, { additionalProperties: false });

const RunStatusShape = Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('skipped')]);

export const RunsParams = Type.Object(
  {
    ...JobRef,
    scope: Type.Optional(Type.Union([Type.Literal('job'), Type.Literal('all')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    status: Type.Optional(Type.Union([Type.Literal('all'), RunStatusShape])),
    statuses: Type.Optional(Type.Array(RunStatusShape, { minItems: 1, maxItems: 3 })),
    sortDir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: true },
);
