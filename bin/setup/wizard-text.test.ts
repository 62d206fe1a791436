import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fitSpinnerText, fitToTerminal } from './wizard-text.js';

const problem =
  'openai refused the API key (HTTP 401 ("Incorrect API key provided: sk-***00.")): check the key you entered ' +
  'for openai — it may be mistyped, revoked, or for another provider';

describe('wizard text fitted to the terminal', () => {
  it('breaks between words, each line within the room clack leaves after its symbol', () => {
    const lines = fitToTerminal(problem, { columns: 60 }).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(57);
    // Nothing lost and no word split: the lines joined by a space are the message again.
    expect(lines.join(' ')).toBe(problem);
  });

  it('cuts only a word longer than a whole line (a URL), and leaves text alone without a width', () => {
    const url = `see https://example.com/${'a'.repeat(80)} now`;
    const lines = fitToTerminal(url, { columns: 43 }).split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.join('').replace(/ /g, '')).toBe(url.replace(/ /g, ''));
    expect(fitToTerminal(problem, {})).toBe(problem);
  });

  it('puts the guide bar before each continuation line of a spinner message', () => {
    const lines = stripVTControlCharacters(fitSpinnerText(problem, { columns: 60 })).split('\n');
    expect(lines[0]).toMatch(/^openai refused/);
    for (const l of lines.slice(1)) expect(l).toMatch(/^│ {2}\S/);
  });
});
