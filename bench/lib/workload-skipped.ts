/**
 * Thrown by a workload that cannot run on this build, e.g. because a first-party plugin it
 * needs is not in the catalog yet. The table shows the reason instead of an error.
 */
export class WorkloadSkipped extends Error {
  constructor(readonly reason: string) {
    super(`skipped: ${reason}`);
    this.name = 'WorkloadSkipped';
  }
}
