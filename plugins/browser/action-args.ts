import { browserError } from './errors.js';

/** `browser.request` args (and the tool's, and the control service's bodies), read with clear errors. */
export class ActionArgs {
  constructor(
    readonly action: string,
    private readonly raw: Record<string, unknown>,
  ) {}

  string(name: string): string {
    const v = this.optionalString(name);
    if (v === undefined || v === '') throw this.bad(`needs args.${name} (a non-empty string)`);
    return v;
  }

  optionalString(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.bad(`args.${name} must be a string`);
    return v;
  }

  optionalBoolean(name: string): boolean | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw this.bad(`args.${name} must be true or false`);
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
      throw this.bad(`args.${name} must be an integer from ${min} to ${max}`);
    return n;
  }

  strings(name: string): string[] {
    const v = this.raw[name];
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string'))
      throw this.bad(`needs args.${name} (a string or a list of strings)`);
    return list as string[];
  }

  private bad(what: string): Error {
    return browserError('GW_ERR_BROWSER_BAD_REQUEST', `browser ${this.action} ${what}`);
  }
}
