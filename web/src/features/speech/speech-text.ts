import { isValidElement, type ReactNode } from 'react';
import { parseBlocks, renderInline } from '../conversations/markdown.tsx';
import { type SentenceSplit, splitSentences } from './sentences.ts';

/** The text a reader sees in rendered inline Markdown: the same parser, so speech says what is shown. */
function textOf(nodes: ReactNode): string {
  if (typeof nodes === 'string' || typeof nodes === 'number') return String(nodes);
  if (Array.isArray(nodes)) return nodes.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(nodes)) return textOf(nodes.props.children);
  return '';
}

/**
 * One line of inline Markdown as words to speak. Markers the renderer leaves literal (an unclosed `**` of
 * a half-streamed reply, a stray backtick) are dropped too: a voice would otherwise read "asterisk".
 * Emoji go as well: voices read their names ("smiling face") in the middle of a sentence.
 */
function speakableLine(line: string): string {
  return textOf(renderInline(line.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')))
    .replace(/[*`]+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '')
    .replace(/(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200D|\uFE0F)+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Markdown (a tutor reply) to plain text for a voice: one line per heading, paragraph line and list item,
 * without bullets, numbers, emphasis markers or code quotes. Lines with nothing to say (a rule, an emoji
 * on its own) are dropped. A trailing line break is kept, so a streamed line is known to be complete.
 */
export function markdownToSpeech(markdown: string): string {
  const lines: string[] = [];
  for (const block of parseBlocks(markdown)) {
    if (block.kind === 'heading') lines.push(block.text);
    else if (block.kind === 'paragraph') lines.push(...block.lines);
    // A table is read row by row, its cells joined like a spoken list.
    else if (block.kind === 'table')
      lines.push(...[block.header, ...block.rows].map((row) => row.join(', ')));
    else for (const item of block.items) lines.push(...item);
  }
  const spoken = lines.map(speakableLine).filter((line) => /[\p{L}\p{N}]/u.test(line));
  const complete = /\n\s*$/.test(markdown) && spoken.length > 0;
  return spoken.join('\n') + (complete ? '\n' : '');
}

/** A reply's spoken sentences: complete ones while it streams, all of them with `final`. */
export function speechSentences(markdown: string, options: { final?: boolean } = {}): SentenceSplit {
  return splitSentences(markdownToSpeech(markdown), options);
}
