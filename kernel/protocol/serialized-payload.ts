/**
 * A response payload that is already JSON. The dispatcher splices it into the `res` frame
 * instead of serializing it again: a method answered many times a second (`status`) keeps the
 * parts that never change as text and serializes only what changed.
 */
export class SerializedPayload {
  constructor(readonly json: string) {}
}
