import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Compile } from 'typebox/compile';
import { type Static, Type } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';
import type { AllowlistEntry } from '../exec/allowlist-match.js';

const Security = Type.Union([Type.Literal('deny'), Type.Literal('allowlist'), Type.Literal('full')]);
const Ask = Type.Union([Type.Literal('off'), Type.Literal('on-miss'), Type.Literal('always')]);

const Entry = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1 })),
    pattern: Type.String({ minLength: 1, maxLength: 4096 }),
    // The original Moltbot's extra argument pattern; kept, unused (patterns here carry arguments).
    argPattern: Type.Optional(Type.String()),
    lastUsedAt: Type.Optional(Type.Integer({ minimum: 0 })),
    lastUsedCommand: Type.Optional(Type.String()),
    lastResolvedPath: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const Policy = {
  security: Type.Optional(Security),
  ask: Type.Optional(Ask),
  // Accepted for Moltbot files; expiry here always denies.
  askFallback: Type.Optional(Type.String()),
  autoAllowSkills: Type.Optional(Type.Boolean()),
};

/** `<state>/exec-approvals.json`, version 1 (the original Moltbot's format). */
export const ApprovalsFileSchema = Type.Object(
  {
    version: Type.Literal(1),
    socket: Type.Optional(
      Type.Object(
        { path: Type.Optional(Type.String()), token: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    defaults: Type.Optional(Type.Object(Policy, { additionalProperties: false })),
    agents: Type.Optional(
      Type.Record(
        Type.String({ minLength: 1 }),
        Type.Object({ ...Policy, allowlist: Type.Optional(Type.Array(Entry)) }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export type ApprovalsFile = Static<typeof ApprovalsFileSchema>;
export type ExecSecurity = Static<typeof Security>;
export type ExecAsk = Static<typeof Ask>;

const validator = Compile(ApprovalsFileSchema);

/** Problems of a candidate file, each `path: message`; empty when valid. */
export function approvalsFileProblems(file: unknown): string[] {
  if (validator.Check(file)) return [];
  const out: string[] = [];
  for (const e of validator.Errors(file)) {
    if (e.message === 'schema is false') continue;
    out.push(`${e.instancePath || '(root)'}: ${e.message}`);
    if (out.length >= 5) break;
  }
  return out;
}

export interface ApprovalsSnapshot {
  path: string;
  exists: boolean;
  /** sha256 of the file's bytes (of an empty text when it does not exist); pass it back to `set`. */
  hash: string;
  file: ApprovalsFile;
}

/**
 * The exec approvals file: read when it changed on disk, written atomically with mode 0600.
 * Writers pass the hash they read (`baseHash`) so an edit never silently overwrites another.
 */
export class ApprovalsStore {
  private cached?: { mtimeMs: number; size: number; snapshot: ApprovalsSnapshot };

  constructor(readonly file: string) {}

  snapshot(): ApprovalsSnapshot {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(this.file);
    } catch {
      this.cached = undefined;
      return { path: this.file, exists: false, hash: sha256(''), file: { version: 1 } };
    }
    if (this.cached && this.cached.mtimeMs === st.mtimeMs && this.cached.size === st.size) return this.cached.snapshot;
    const raw = fs.readFileSync(this.file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw invalid(this.file, [`not valid JSON: ${(err as Error).message}`]);
    }
    const problems = approvalsFileProblems(parsed);
    if (problems.length) throw invalid(this.file, problems);
    const snapshot = { path: this.file, exists: true, hash: sha256(raw), file: parsed as ApprovalsFile };
    this.cached = { mtimeMs: st.mtimeMs, size: st.size, snapshot };
    return snapshot;
  }

  /** Replace the whole file. `baseHash` must match the file on disk when it exists. */
  replace(file: unknown, baseHash: string | undefined): ApprovalsSnapshot {
    const problems = approvalsFileProblems(file);
    if (problems.length) throw invalid(this.file, problems);
    const current = this.snapshot();
    if (current.exists && baseHash !== current.hash)
      throw toolsError(
        'GW_ERR_TOOLS_APPROVALS_CONFLICT',
        baseHash === undefined
          ? `${this.file} exists: pass baseHash (the hash from exec.approvals.get) so no edit is lost`
          : `${this.file} changed since it was read (hash ${current.hash.slice(0, 12)}…); ` +
              'read it again with exec.approvals.get and retry',
        { details: { hash: current.hash } },
      );
    this.write(file as ApprovalsFile);
    return this.snapshot();
  }

  /** Read-modify-write in one step (the gateway is the file's only in-process writer). */
  update(change: (file: ApprovalsFile) => void): ApprovalsSnapshot {
    const file = structuredClone(this.snapshot().file);
    change(file);
    this.write(file);
    return this.snapshot();
  }

  /** The allowlist that applies to an agent: its own entries, then those of `"*"` (every agent). */
  allowlistFor(agentId: string): Array<AllowlistEntry & { owner: string }> {
    const agents = this.snapshot().file.agents ?? {};
    return [
      ...(agents[agentId]?.allowlist ?? []).map((e) => ({ ...e, owner: agentId })),
      ...(agentId === '*' ? [] : (agents['*']?.allowlist ?? []).map((e) => ({ ...e, owner: '*' }))),
    ];
  }

  private write(file: ApprovalsFile): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
    try {
      fs.writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, this.file);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    this.cached = undefined;
  }
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function invalid(file: string, problems: string[]) {
  return toolsError('GW_ERR_TOOLS_APPROVALS_INVALID', `${file} is not a valid approvals file: ${problems.join('; ')}`, {
    details: { problems },
  });
}
