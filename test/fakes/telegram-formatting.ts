import type { MessageEntity } from 'grammy/types';
import { badRequest, type TelegramError } from './telegram-error.js';

/** Text as Telegram stores it after applying `parse_mode`: markup removed, entities extracted. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type EntityType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'code'
  | 'pre'
  | 'text_link'
  | 'blockquote';

interface OpenEntity {
  type: EntityType;
  /** Offset in the output text (UTF-16 code units, as the Bot API counts). */
  offset: number;
  /** UTF-8 byte offset in the source, as the Bot API reports in errors. */
  sourceByte: number;
  tag?: string;
  url?: string;
  language?: string;
}

/**
 * Applies `parse_mode` the way the Bot API does for the common cases, including its errors
 * (`can't parse entities: …`), so a gateway's escaping bugs fail here as they would in production.
 */
export function parseFormattedText(source: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === '') return { text: source, entities: [] };
  if (parseMode === 'HTML') return new HtmlParser(source).parse();
  if (parseMode === 'MarkdownV2') return new MarkdownV2Parser(source).parse();
  if (parseMode === 'Markdown') return parseLegacyMarkdown(source);
  throw badRequest('unsupported parse_mode');
}

export function entitiesError(detail: string): TelegramError {
  return badRequest(`can't parse entities: ${detail}`);
}

const byteOffset = (source: string, index: number): number => Buffer.byteLength(source.slice(0, index));

function toEntity(open: OpenEntity, end: number): MessageEntity | undefined {
  const length = end - open.offset;
  if (length <= 0) return undefined;
  if (open.type === 'text_link') return { type: 'text_link', offset: open.offset, length, url: open.url ?? '' };
  if (open.type === 'pre') {
    return { type: 'pre', offset: open.offset, length, ...(open.language ? { language: open.language } : {}) };
  }
  return { type: open.type, offset: open.offset, length };
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

const HTML_TAGS: Record<string, EntityType> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

class HtmlParser {
  #text = '';
  readonly #stack: OpenEntity[] = [];
  readonly #entities: MessageEntity[] = [];

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const { source } = this;
    let index = 0;
    while (index < source.length) {
      const char = source[index] ?? '';
      if (char === '<') {
        index = this.#tag(index);
      } else if (char === '&') {
        const match = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(source.slice(index));
        this.#text += match ? decodeEntity(match[1] ?? '') : '&';
        index += match ? match[0].length : 1;
      } else {
        this.#text += char;
        index++;
      }
    }
    const unclosed = this.#stack.at(-1);
    if (unclosed) throw entitiesError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
    return { text: this.#text, entities: sortEntities(this.#entities) };
  }

  #tag(index: number): number {
    const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/.exec(this.source.slice(index));
    const at = byteOffset(this.source, index);
    if (match === null) throw entitiesError(`Unsupported start tag "" at byte offset ${at}`);
    const [whole, slash, rawName = '', attributes = ''] = match;
    const name = rawName.toLowerCase();
    if (slash === '/') {
      const open = this.#stack.pop();
      if (open?.tag !== name) {
        throw entitiesError(
          `Unmatched end tag at byte offset ${at}, expected "</${open?.tag ?? ''}>", found "</${name}>"`,
        );
      }
      const entity = toEntity(open, this.#text.length);
      if (entity) this.#entities.push(entity);
      return index + whole.length;
    }
    const type = HTML_TAGS[name];
    if (type === undefined) throw entitiesError(`Unsupported start tag "${name}" at byte offset ${at}`);
    if (name === 'span' && !/class\s*=\s*"tg-spoiler"/.test(attributes)) {
      throw entitiesError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
    }
    const parent = this.#stack.at(-1);
    const language = /class\s*=\s*"language-([^"]+)"/.exec(attributes)?.[1];
    if (type === 'code' && parent?.type === 'pre' && language !== undefined) parent.language = language;
    this.#stack.push({
      type,
      tag: name,
      offset: this.#text.length,
      sourceByte: at,
      url: /href\s*=\s*"([^"]*)"/.exec(attributes)?.[1],
    });
    return index + whole.length;
  }
}

function decodeEntity(name: string): string {
  if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  return HTML_ENTITIES[name] ?? '';
}

const MARKDOWN_V2_NAMES: Record<EntityType, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  code: 'Code',
  pre: 'Pre',
  text_link: 'TextUrl',
  blockquote: 'BlockQuote',
};

class MarkdownV2Parser {
  #text = '';
  #index = 0;
  readonly #stack: OpenEntity[] = [];
  readonly #entities: MessageEntity[] = [];

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const { source } = this;
    while (this.#index < source.length) this.#step(source[this.#index] ?? '');
    const blockquote = this.#stack.at(-1);
    if (blockquote?.type === 'blockquote') this.#close();
    const unclosed = this.#stack.at(-1);
    if (unclosed) {
      throw entitiesError(
        `Can't find end of ${MARKDOWN_V2_NAMES[unclosed.type]} entity at byte offset ${unclosed.sourceByte}`,
      );
    }
    return { text: this.#text, entities: sortEntities(this.#entities) };
  }

  #step(char: string): void {
    const { source } = this;
    const i = this.#index;
    const top = this.#stack.at(-1);
    if (char === '\\') {
      this.#text += source[i + 1] ?? '';
      this.#index += 2;
    } else if (top?.type === 'code' || top?.type === 'pre') {
      this.#insideCode(top, char);
    } else if (char === '`') {
      this.#openCode();
    } else if (char === '*') {
      this.#toggle('bold', 1);
    } else if (char === '_') {
      if (source[i + 1] === '_') this.#toggle('underline', 2);
      else this.#toggle('italic', 1);
    } else if (char === '~') {
      this.#toggle('strikethrough', 1);
    } else if (char === '|' && source[i + 1] === '|') {
      this.#toggle('spoiler', 2);
    } else if (char === '[') {
      this.#stack.push({ type: 'text_link', offset: this.#text.length, sourceByte: byteOffset(source, i) });
      this.#index++;
    } else if (char === ']' && top?.type === 'text_link') {
      this.#closeLink(top);
    } else if (char === '>' && (i === 0 || source[i - 1] === '\n')) {
      if (top?.type !== 'blockquote')
        this.#stack.push({ type: 'blockquote', offset: this.#text.length, sourceByte: byteOffset(source, i) });
      this.#index++;
    } else if (char === '\n' && top?.type === 'blockquote' && source[i + 1] !== '>') {
      this.#close();
      this.#text += char;
      this.#index++;
    } else if ('_*[]()~`>#+-=|{}.!'.includes(char)) {
      throw entitiesError(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
    } else {
      this.#text += char;
      this.#index++;
    }
  }

  #insideCode(top: OpenEntity, char: string): void {
    const fence = top.type === 'pre' ? '```' : '`';
    if (char === '`' && this.source.startsWith(fence, this.#index)) {
      this.#close();
      this.#index += fence.length;
    } else {
      this.#text += char;
      this.#index++;
    }
  }

  #openCode(): void {
    const { source } = this;
    const start = this.#index;
    if (!source.startsWith('```', start)) {
      this.#stack.push({ type: 'code', offset: this.#text.length, sourceByte: byteOffset(source, start) });
      this.#index++;
      return;
    }
    const lineEnd = source.indexOf('\n', start + 3);
    const firstLine = lineEnd === -1 ? '' : source.slice(start + 3, lineEnd);
    const language = /^\S+$/.test(firstLine) ? firstLine : undefined;
    this.#stack.push({ type: 'pre', offset: this.#text.length, sourceByte: byteOffset(source, start), language });
    this.#index = language === undefined ? start + 3 : lineEnd + 1;
  }

  #toggle(type: EntityType, markerLength: number): void {
    const top = this.#stack.at(-1);
    if (top?.type === type) {
      this.#close();
    } else if (this.#stack.some((open) => open.type === type) && top) {
      throw entitiesError(`Can't find end of ${MARKDOWN_V2_NAMES[top.type]} entity at byte offset ${top.sourceByte}`);
    } else {
      this.#stack.push({ type, offset: this.#text.length, sourceByte: byteOffset(this.source, this.#index) });
    }
    this.#index += markerLength;
  }

  #closeLink(open: OpenEntity): void {
    const { source } = this;
    if (source[this.#index + 1] !== '(') {
      throw entitiesError(`Can't find end of a url at byte offset ${byteOffset(source, this.#index)}`);
    }
    let url = '';
    let cursor = this.#index + 2;
    while (cursor < source.length && source[cursor] !== ')') {
      if (source[cursor] === '\\') cursor++;
      url += source[cursor] ?? '';
      cursor++;
    }
    if (cursor >= source.length)
      throw entitiesError(`Can't find end of a url at byte offset ${byteOffset(source, this.#index)}`);
    open.url = url;
    this.#close();
    this.#index = cursor + 1;
  }

  #close(): void {
    const open = this.#stack.pop();
    const entity = open && toEntity(open, this.#text.length);
    if (entity) this.#entities.push(entity);
  }
}

/** Legacy `Markdown`: no nesting, only `*bold*`, `_italic_`, `` `code` ``, ``` pre ```, `[text](url)`. */
function parseLegacyMarkdown(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  let index = 0;
  const unclosed = (at: number): TelegramError =>
    entitiesError(`Can't find end of the entity starting at byte offset ${byteOffset(source, at)}`);
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === '\\' && '_*`['.includes(source[index + 1] ?? ' ')) {
      text += source[index + 1];
      index += 2;
      continue;
    }
    const fence = source.startsWith('```', index) ? '```' : char;
    const type: EntityType | undefined =
      fence === '```'
        ? 'pre'
        : char === '*'
          ? 'bold'
          : char === '_'
            ? 'italic'
            : char === '`'
              ? 'code'
              : char === '['
                ? 'text_link'
                : undefined;
    if (type === undefined) {
      text += char;
      index++;
      continue;
    }
    if (type === 'text_link') {
      const match = /^\[([^\]]*)\]\(([^)]*)\)/.exec(source.slice(index));
      if (match === null) throw unclosed(index);
      entities.push({ type: 'text_link', offset: text.length, length: match[1]?.length ?? 0, url: match[2] ?? '' });
      text += match[1];
      index += match[0].length;
      continue;
    }
    const end = source.indexOf(fence, index + fence.length);
    if (end === -1) throw unclosed(index);
    const inner = source.slice(index + fence.length, end);
    const entity = toEntity({ type, offset: text.length, sourceByte: 0 }, text.length + inner.length);
    if (entity) entities.push(entity);
    text += inner;
    index = end + fence.length;
  }
  return { text, entities };
}
