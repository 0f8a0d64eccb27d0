import { AppError, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { readZip, ZipLimitError } from '../vocabulary/zip.ts';

/**
 * Plain text out of what a learner brings: HTML pages (the readable part only), Markdown, plain
 * text, and EPUB books (through the Anki import's bounded unzip). Only the text is ever stored or
 * rendered; markup, scripts and links are dropped here.
 */

export const fileKinds = ['txt', 'md', 'html', 'epub'] as const;
export type FileKind = (typeof fileKinds)[number];

export const extractLimits = {
  /** An uploaded file. */
  uploadBytes: 20 * 1024 * 1024,
  /** Entries in an EPUB archive, and bytes one entry may unpack to. */
  epubEntries: 5_000,
  epubEntryBytes: 16 * 1024 * 1024,
};

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  iexcl: '¡',
  iquest: '¿',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] === '#') {
      const point =
        code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '';
    }
    return entities[code.toLowerCase()] ?? match;
  });
}

/** Control characters out, newlines normalised, paragraphs separated by one blank line. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .replace(/\t/g, ' ')
    .replace(/[ \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The readable part of an HTML page as paragraphs: the title apart, navigation and chrome dropped. */
export function htmlToReadableText(html: string): { title: string | undefined; text: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  let body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg|iframe|object|head)\b[\s\S]*?<\/\1\s*>/gi, '');
  // The article or main element is the readable content when the page marks it.
  const main =
    /<article\b[^>]*>([\s\S]*)<\/article>/i.exec(body)?.[1] ??
    /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(body)?.[1];
  if (main) body = main;
  body = body.replace(/<(nav|header|footer|aside|form|button|select|menu)\b[\s\S]*?<\/\1\s*>/gi, '');
  // Line breaks in the source are spaces in HTML; only <br> and block ends break lines.
  const text = body
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(
      /<\/?(p|div|li|tr|h[1-6]|blockquote|section|article|pre|dd|dt|figcaption|table|ul|ol)\b[^>]*>/gi,
      '\n\n',
    )
    .replace(/<[^>]*>/g, '');
  return {
    title: title ? tidyText(decodeEntities(title.replace(/<[^>]*>/g, ''))) || undefined : undefined,
    text: tidyText(decodeEntities(text)),
  };
}

/** Markdown as the text a reader sees: marks, links' targets, images and code fences dropped. */
export function markdownToText(markdown: string): string {
  return tidyText(
    markdown
      .replace(/\r\n?/g, '\n')
      .replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>\n]*>/g, '')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/(\*\*|__|\*|_|`)(\S[\s\S]*?\S|\S)\1/g, '$2'),
  );
}

function notEpub(): AppError {
  return validationFailed(msg('errors.file.notEpub'));
}

/**
 * The chapters of an EPUB in reading order (container.xml → the package document's spine), each
 * as readable text. The archive is read with the same bounded unzip as Anki packages.
 */
export function epubToText(archive: Buffer): { title: string | undefined; text: string } {
  let entries: ReturnType<typeof readZip>;
  try {
    entries = readZip(archive, {
      only: (name) => !/\.(png|jpe?g|gif|svg|webp|ttf|otf|woff2?|mp3|mp4|css)$/i.test(name),
      maxEntries: extractLimits.epubEntries,
      maxEntryBytes: extractLimits.epubEntryBytes,
    });
  } catch (error) {
    if (error instanceof ZipLimitError) throw new AppError('payload_too_large', error.messageRef);
    throw notEpub();
  }
  const files = new Map(entries.map((entry) => [entry.name, Buffer.from(entry.data).toString('utf8')]));
  const container = files.get('META-INF/container.xml');
  const opfPath = container && /full-path\s*=\s*"([^"]+)"/.exec(container)?.[1];
  const opf = opfPath ? files.get(opfPath) : undefined;
  if (!opfPath || !opf) throw notEpub();
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const manifest = new Map<string, string>();
  for (const item of opf.matchAll(/<item\b[^>]*>/gi)) {
    const id = /\bid\s*=\s*"([^"]+)"/.exec(item[0])?.[1];
    const href = /\bhref\s*=\s*"([^"]+)"/.exec(item[0])?.[1];
    if (id && href) manifest.set(id, href);
  }
  const chapters: string[] = [];
  for (const ref of opf.matchAll(/<itemref\b[^>]*\bidref\s*=\s*"([^"]+)"/gi)) {
    const href = manifest.get(ref[1] as string);
    if (!href) continue;
    const path = normalisePath(base + decodeURIComponent(href.split('#')[0] as string));
    const chapter = files.get(path);
    if (chapter) {
      const { text } = htmlToReadableText(chapter);
      if (text) chapters.push(text);
    }
  }
  const title = /<dc:title[^>]*>([\s\S]*?)<\/dc:title>/i.exec(opf)?.[1];
  return {
    title: title ? tidyText(decodeEntities(title)) || undefined : undefined,
    text: chapters.join('\n\n'),
  };
}

/** Resolves `..` and `.` in a path inside the archive (hrefs are relative to the package document). */
function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Which kind of file a name says it is, or a 415 that names what is accepted. */
export function fileKindOf(fileName: string): FileKind {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const kind =
    extension === 'htm' || extension === 'xhtml' ? 'html' : extension === 'markdown' ? 'md' : extension;
  if (kind === 'pdf') throw new AppError('unsupported_media_type', msg('errors.file.pdf'));
  if (!kind || !(fileKinds as readonly string[]).includes(kind))
    throw new AppError('unsupported_media_type', msg('errors.file.textKinds'));
  return kind as FileKind;
}

/** The plain text of an uploaded file, and its title when the file names one. */
export function extractFileText(
  fileName: string,
  bytes: Buffer,
): { title: string | undefined; text: string } {
  const kind = fileKindOf(fileName);
  if (kind === 'epub') return epubToText(bytes);
  const decoded = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (kind === 'html') return htmlToReadableText(decoded);
  if (kind === 'md')
    return { title: /^#\s+(.+)$/m.exec(decoded)?.[1]?.trim(), text: markdownToText(decoded) };
  return { title: undefined, text: tidyText(decoded) };
}
