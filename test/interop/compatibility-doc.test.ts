import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../../plugins/catalog.js';
import type { TestGateway } from '../../sdk/testing.js';
import { REPO_ROOT } from '../support/gateway-process.js';
import { startAllPluginsGateway } from './all-plugins-gateway.js';

// docs/compatibility.md against the live method and event tables, with every first-party
// plugin loaded (those off by default too).

const AVAILABLE = new Set(['same', 'extended', 'different']);
const ABSENT = new Set(['planned', 'not supported']);

interface Row {
  name: string;
  status: string;
}

/** Rows `| \`name\` | status | … |` of the table under `## heading`. */
function tableRows(doc: string, heading: string): Row[] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/compatibility.md has no "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([^`]+)` \| ([^|]+?) \|/gm)].map((m) => ({ name: m[1]!, status: m[2]!.trim() }));
}

let gw: TestGateway;
let methods: Set<string>;
let events: Set<string>;
let plugins: Array<{ id: string; state: string; error?: string }>;
const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/compatibility.md'), 'utf8');

beforeAll(async () => {
  gw = await startAllPluginsGateway();
  const c = await gw.client();
  methods = new Set(c.hello.features.methods as string[]);
  events = new Set(c.hello.features.events as string[]);
  plugins = (await c.request('plugins.list', {})).plugins;
  c.close();
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

describe('docs/compatibility.md is true', () => {
  it('every first-party plugin is loaded for the comparison', () => {
    const notActive = plugins
      .filter((p) => p.state !== 'active')
      .map((p) => `${p.id}: ${p.state} ${JSON.stringify(p)}`);
    expect(notActive).toEqual([]);
    expect(plugins.map((p) => p.id).sort()).toEqual(BUILTIN_PLUGINS.map((p) => p.id).sort());
  });

  for (const [heading, kind] of [
    ['Methods', 'method'],
    ['Events', 'event'],
  ] as const) {
    it(`${kind}s existing clients use: each row's status matches the live table`, () => {
      const live = kind === 'method' ? methods : events;
      const rows = tableRows(doc, heading);
      expect(rows.length).toBeGreaterThan(10);
      const wrong: string[] = [];
      for (const row of rows) {
        if (!AVAILABLE.has(row.status) && !ABSENT.has(row.status))
          wrong.push(`${row.name}: unknown status "${row.status}"`);
        else if (AVAILABLE.has(row.status) && !live.has(row.name))
          wrong.push(`${row.name} is "${row.status}" in the doc but not registered`);
        else if (ABSENT.has(row.status) && live.has(row.name))
          wrong.push(
            `${row.name} is registered now: its row says "${row.status}"; say what it does (same/extended/different)`,
          );
      }
      expect(wrong).toEqual([]);
    });
  }

  it('every registered method and event has a row (existing clients’ tables or ours)', () => {
    const documented = new Set([
      ...tableRows(doc, 'Methods').map((r) => `method ${r.name}`),
      ...tableRows(doc, 'Events').map((r) => `event ${r.name}`),
      ...tableRows(doc, 'Methods and events only this gateway has').map((r) => `${r.status} ${r.name}`),
    ]);
    const missing = [...[...methods].map((m) => `method ${m}`), ...[...events].map((e) => `event ${e}`)].filter(
      (k) => !documented.has(k),
    );
    expect(missing).toEqual([]);
  });
});
