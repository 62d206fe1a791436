/**
 * Server-sent events from a fetch body: yields `{event, data}` per event (blank-line separated,
 * multi-line `data:` joined with "\n", comments skipped). Both provider APIs stream this way.
 */
export declare function readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<{
    event?: string;
    data: string;
}>;
