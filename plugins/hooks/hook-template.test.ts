import { describe, expect, it } from 'vitest';
import { renderTemplate, type TemplateInput } from './hook-template.js';

const input: TemplateInput = {
  body: { pull_request: { title: 'Fix it', labels: [{ name: 'bug' }] }, n: 3, ok: true, obj: { a: 1 } },
  headers: { 'x-github-event': 'pull_request' },
  query: { id: '42' },
  path: 'github',
  now: Date.parse('2027-01-01T00:00:00Z'),
};

describe('renderTemplate', () => {
  it('fills body fields, array items, headers, query, path and time', () => {
    expect(
      renderTemplate(
        '{{headers.X-GitHub-Event}}: {{ body.pull_request.title }} ' +
          '[{{body.pull_request.labels[0].name}}] #{{query.id}}',
        input,
      ),
    ).toBe('pull_request: Fix it [bug] #42');
    expect(renderTemplate('{{path}} at {{now}}', input)).toBe('github at 2027-01-01T00:00:00.000Z');
    expect(renderTemplate('{{body.n}} {{body.ok}} {{body.obj}}', input)).toBe('3 true {"a":1}');
  });

  it('a placeholder that names nothing is empty; other braces stay', () => {
    expect(renderTemplate('[{{body.missing.deep}}][{{env.HOME}}]{x}', input)).toBe('[][]{x}');
  });
});
