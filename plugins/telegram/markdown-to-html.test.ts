import { describe, expect, it } from 'vitest';
import { markdownToPlain, markdownToTelegramHtml } from './markdown-to-html.js';

describe('markdownToTelegramHtml', () => {
  it('renders the common Markdown and escapes the rest', () => {
    expect(markdownToTelegramHtml('**bold** and *it* and ~~no~~ <tag> & co')).toBe(
      '<b>bold</b> and <i>it</i> and <s>no</s> &lt;tag&gt; &amp; co',
    );
    expect(markdownToTelegramHtml('see [docs](https://example.com/a?b=1&c=2)')).toBe(
      'see <a href="https://example.com/a?b=1&amp;c=2">docs</a>',
    );
    expect(markdownToTelegramHtml('# Title')).toBe('<b>Title</b>');
  });

  it('leaves code untouched by other rules', () => {
    expect(markdownToTelegramHtml('run `a**b**<c>`')).toBe('run <code>a**b**&lt;c&gt;</code>');
    expect(markdownToTelegramHtml('```ts\nconst x = 1 < 2;\n```')).toBe(
      '<pre><code class="language-ts">const x = 1 &lt; 2;</code></pre>',
    );
  });

  it('has a plain-text fallback without markers', () => {
    expect(markdownToPlain('**a** [b](https://x.y) `c`')).toBe('a b (https://x.y) c');
  });
});
