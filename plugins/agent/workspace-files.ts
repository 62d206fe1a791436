import fs from 'node:fs';
import path from 'node:path';

/**
 * The files a new workspace starts with, short enough to read in a minute. AGENTS.md joins
 * every run's system prompt; HEARTBEAT.md is what a heartbeat turn follows — this one holds only
 * headings and comments, so periodic heartbeats skip the model call until the user adds a task
 * (heartbeat/heartbeat-prompt.ts isEffectivelyEmpty).
 */
export const WORKSPACE_FILES: Readonly<Record<string, string>> = {
  'AGENTS.md': `# AGENTS.md

This file is part of every conversation the assistant has: edit it to say who you are and how
you want to be helped. The gateway reads it fresh for each run.

## About me
<!-- Your name, time zone, languages, what you work on. -->

## How to answer
- Be brief; ask before doing anything that cannot be undone.
- Answer in the language I write in.
`,
  'HEARTBEAT.md': `# HEARTBEAT.md

<!--
A heartbeat is a short turn the assistant runs on its own (agents.defaults.heartbeat.every,
e.g. "30m"). It follows this file. While it holds only headings and comments, heartbeats do not
call the model at all. Add tasks as list items, for example:
- Check my calendar for the next two hours and remind me of anything that starts soon.
-->

## Tasks
`,
};

/**
 * Create the workspace folder with these files when it does not exist yet (or is empty). A
 * folder the user already keeps things in gets nothing added, and an existing file is never
 * replaced. Returns the paths created.
 */
export function ensureWorkspace(dir: string): string[] {
  const created: string[] = [];
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    created.push(dir);
  } else if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) return created;
  for (const [name, text] of Object.entries(WORKSPACE_FILES)) {
    const file = path.join(dir, name);
    try {
      // 'wx': fails if the file exists, so a user's file (or one written meanwhile) is never replaced.
      fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      created.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return created;
}
