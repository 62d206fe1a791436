import type { Scope } from '../../sdk/context.js';

export const OPERATOR_SCOPES: readonly Scope[] = [
  'operator.read',
  'operator.write',
  'operator.admin',
  'operator.approvals',
  'operator.pairing',
];

/** `operator.admin` holds every operator scope; `operator.write` holds `operator.read`. */
export function hasScope(held: readonly Scope[], needed: Scope): boolean {
  if (held.includes(needed)) return true;
  if (needed === 'node') return false;
  if (held.includes('operator.admin')) return true;
  return needed === 'operator.read' && held.includes('operator.write');
}

export function isScope(s: string): s is Scope {
  return (OPERATOR_SCOPES as readonly string[]).includes(s) || s === 'node';
}
