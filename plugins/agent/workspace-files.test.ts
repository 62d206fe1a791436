import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEffectivelyEmpty } from './heartbeat/heartbeat-prompt.js';
import { ensureWorkspace, WORKSPACE_FILES } from './workspace-files.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-ws-'));

describe('ensureWorkspace', () => {
  it('creates a new workspace with AGENTS.md and a HEARTBEAT.md that keeps heartbeats quiet', () => {
    const dir = path.join(tmp(), 'clawd');
    expect(ensureWorkspace(dir)).toEqual([dir, path.join(dir, 'AGENTS.md'), path.join(dir, 'HEARTBEAT.md')]);
    expect(fs.readFileSync(path.join(dir, 'AGENTS.md'), 'utf8')).toBe(WORKSPACE_FILES['AGENTS.md']);
    expect(isEffectivelyEmpty(fs.readFileSync(path.join(dir, 'HEARTBEAT.md'), 'utf8'))).toBe(true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(ensureWorkspace(dir)).toEqual([]);
  });

  it('never adds to a folder the user already keeps things in, nor replaces a file', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(ensureWorkspace(dir)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);

    const empty = tmp();
    expect(ensureWorkspace(empty)).toHaveLength(2);
    fs.writeFileSync(path.join(empty, 'AGENTS.md'), 'edited');
    fs.rmSync(path.join(empty, 'HEARTBEAT.md'));
    expect(ensureWorkspace(empty)).toEqual([]);
    expect(fs.readFileSync(path.join(empty, 'AGENTS.md'), 'utf8')).toBe('edited');
  });
});
