import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

export interface ReadableText {
  title?: string;
  text: string;
  extractor: 'readability' | 'turndown';
}

/**
 * An HTML page as readable text: Readability picks the main content (dropping menus, footers,
 * scripts), Turndown writes it as markdown (or its plain text for `extractMode: "text"`). When
 * Readability finds no article, the whole body is converted.
 */
export function htmlToReadable(html: string, mode: 'markdown' | 'text', useReadability: boolean): ReadableText {
  const { document } = parseHTML(html);
  const title = document.querySelector('title')?.textContent?.trim() || undefined;
  if (useReadability) {
    // Readability changes the document it reads; give it its own copy.
    const article = new Readability(parseHTML(html).document as unknown as Document).parse();
    if (article?.content) {
      const text = mode === 'text' ? collapse(article.textContent ?? '') : markdown(article.content);
      if (text.trim()) return { title: article.title?.trim() || title, text, extractor: 'readability' };
    }
  }
  for (const el of [...document.querySelectorAll('script, style, noscript, template, svg')]) el.remove();
  const body = document.body?.innerHTML ?? html;
  const text = mode === 'text' ? collapse(document.body?.textContent ?? '') : markdown(body);
  return { title, text, extractor: 'turndown' };
}

function markdown(html: string): string {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  service.remove(['script', 'style', 'noscript']);
  return service
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function collapse(text: string): string {
  return text
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
