/**
 * Runs `work` once soon (after the current tick, so callers' transactions commit first), however
 * many times it is asked before then, and never once `active()` says the generation is retired.
 */
export function soonRunner(work: () => void, active: () => boolean): () => void {
  let scheduled = false;
  return () => {
    if (scheduled || !active()) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (active()) work();
    });
  };
}
