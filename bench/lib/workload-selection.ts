/**
 * `--only`: which workloads to run. Every name asked for must match one (its name, its number
 * or its file's prefix); an unknown name is refused with the valid ones, instead of being
 * skipped in silence (`--only cold` used to run nothing for `cold-start`).
 */
export interface NamedWorkload {
  /** `<nn>-<name>.js` */
  readonly file: string;
  readonly name: string;
}

export class UnknownWorkloadError extends Error {
  constructor(
    readonly unknown: readonly string[],
    valid: readonly NamedWorkload[],
  ) {
    super(
      `unknown workload${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in --only; ` +
        `valid: ${valid.map((w) => `${Number(w.file.split('-')[0])} ${w.name}`).join(', ')}`,
    );
    this.name = 'UnknownWorkloadError';
  }
}

function matches(want: string, w: NamedWorkload): boolean {
  return want === w.name || want === String(Number(w.file.split('-')[0])) || w.file.startsWith(`${want}-`);
}

/** The workloads `only` names (all of them when it is undefined), in file order. */
export function selectWorkloads<T extends NamedWorkload>(all: readonly T[], only: string | undefined): T[] {
  if (only === undefined) return [...all];
  const wanted = only
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (wanted.length === 0) throw new UnknownWorkloadError([only], all);
  const unknown = wanted.filter((want) => !all.some((w) => matches(want, w)));
  if (unknown.length > 0) throw new UnknownWorkloadError(unknown, all);
  return all.filter((w) => wanted.some((want) => matches(want, w)));
}
