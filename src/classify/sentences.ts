/**
 * Splits an answer into sentences with offsets, aware of markdown: fenced code blocks are kept whole
 * (as artefacts, never read as prose), list items and headings start a new sentence, block quotes and
 * text inside quotation marks are flagged so a refusal a character speaks in a story is not read as
 * the model's own refusal.
 */
export interface Sentence {
  /** the sentence text, trimmed; offsets point into the original answer */
  text: string;
  start: number;
  end: number;
  /** 0-based position among prose sentences (code blocks excluded) */
  index: number;
  /** a markdown list item (bullet or numbered) */
  listItem: boolean;
  /** inside a markdown block quote (`> …`) */
  blockQuote: boolean;
  /** a markdown heading line */
  heading: boolean;
  /** 0-based paragraph number (blank lines, fences and headings separate paragraphs) */
  paragraph: number;
}

export interface CodeBlock {
  language: string;
  body: string;
  start: number;
  end: number;
}

export interface SplitText {
  sentences: Sentence[];
  codeBlocks: CodeBlock[];
}

const FENCE = /^\s{0,3}(```+|~~~+)\s*([\w+#.-]*)/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const HEADING = /^\s{0,3}#{1,6}\s/;
const BLOCK_QUOTE = /^\s{0,3}>\s?/;
// Abbreviations whose period does not end a sentence.
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|No|approx|cf|Fig|U\.S|a\.m|p\.m)\.$/i;

/** Split an answer into prose sentences and code blocks. Linear in the text's length. */
export function splitSentences(text: string): SplitText {
  const sentences: Sentence[] = [];
  const codeBlocks: CodeBlock[] = [];
  let paragraph = 0;
  let pos = 0;
  let fence: { marker: string; language: string; start: number; bodyStart: number } | undefined;
  let para: { start: number; end: number; listItem: boolean; blockQuote: boolean; heading: boolean } | undefined;

  const flush = (): void => {
    if (!para) return;
    splitParagraph(text, para.start, para.end, { ...para, paragraph }, sentences);
    para = undefined;
  };

  while (pos <= text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(pos, lineEnd);
    if (fence) {
      if (firstNonSpace(line) === fence.marker[0] && line.trimStart().startsWith(fence.marker)) {
        codeBlocks.push({ language: fence.language, body: text.slice(fence.bodyStart, pos), start: fence.start, end: lineEnd });
        fence = undefined;
        paragraph++;
      }
    } else {
      const lead = firstNonSpace(line);
      const f = lead === '`' || lead === '~' ? FENCE.exec(line) : null;
      if (f) {
        flush();
        fence = { marker: f[1], language: f[2].toLowerCase(), start: pos, bodyStart: Math.min(lineEnd + 1, text.length) };
      } else if (line.trim() === '') {
        flush();
        paragraph++;
      } else {
        const listItem = (lead === '-' || lead === '*' || lead === '+' || lead === '•' || (lead >= '0' && lead <= '9')) && LIST_ITEM.test(line);
        const heading = lead === '#' && HEADING.test(line);
        const blockQuote = lead === '>' && BLOCK_QUOTE.test(line);
        // a list item, heading or quote line starts its own paragraph-like unit
        if (listItem || heading || (para && para.blockQuote !== blockQuote)) { flush(); if (heading) paragraph++; }
        if (!para) para = { start: pos, end: lineEnd, listItem, blockQuote, heading };
        else para.end = lineEnd;
        if (heading) { flush(); paragraph++; }
      }
    }
    pos = lineEnd + 1;
  }
  if (fence) codeBlocks.push({ language: fence.language, body: text.slice(fence.bodyStart), start: fence.start, end: text.length });
  flush();
  sentences.forEach((s, i) => { s.index = i; });
  return { sentences, codeBlocks };
}

function splitParagraph(
  text: string, start: number, end: number,
  flags: { listItem: boolean; blockQuote: boolean; heading: boolean; paragraph: number },
  out: Sentence[],
): void {
  let from = start;
  let first = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 46 && c !== 33 && c !== 63) continue; // . ! ?
    let stop = i + 1;
    while (stop < end && isTerminal(text.charCodeAt(stop))) stop++;
    while (stop < end && isCloser(text.charCodeAt(stop))) stop++;
    // a sentence ends only before whitespace (so "2.5", "e.g.x" and URLs stay whole)
    if (stop >= end || !isSpace(text.charCodeAt(stop))) { i = stop - 1; continue; }
    const single = c === 46 && stop === i + 1;
    if (single && mayBeAbbreviation(text, i, from) && ABBREVIATION.test(text.slice(Math.max(from, i - 7), i + 1))) continue;
    // a list marker ("1.", "- 2.") opening the segment is not a sentence of its own
    if (single && onlyListMarker(text, from, i)) continue;
    push(text, from, stop, flags, first, out);
    first = false;
    from = stop;
    i = stop - 1;
  }
  push(text, from, end, flags, first, out);
}

function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

/** Closing quotes and brackets that belong to the sentence they follow. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93;
}

function onlyListMarker(text: string, from: number, dot: number): boolean {
  let i = from;
  while (i < dot && isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43 || c === 0x2022) { i++; while (i < dot && isSpace(text.charCodeAt(i))) i++; }
  const digits = dot - i;
  if (digits < 1 || digits > 3) return false;
  for (; i < dot; i++) { const d = text.charCodeAt(i); if (d < 48 || d > 57) return false; }
  return true;
}

function push(
  text: string, a: number, b: number,
  flags: { listItem: boolean; blockQuote: boolean; heading: boolean; paragraph: number },
  first: boolean, out: Sentence[],
): void {
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (a >= b) return;
  out.push({
    text: text.slice(a, b), start: a, end: b, index: 0,
    listItem: flags.listItem && first, blockQuote: flags.blockQuote, heading: flags.heading, paragraph: flags.paragraph,
  });
}

function firstNonSpace(line: string): string {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return line[i];
  }
  return '';
}

/** Only a short word (≤ 6 letters, e.g. "Dr", "approx", "e.g") before the period can be an abbreviation. */
function mayBeAbbreviation(text: string, dot: number, from: number): boolean {
  let i = dot - 1;
  while (i >= from && dot - i <= 7 && text.charCodeAt(i) > 32 && text[i] !== '(') i--;
  return dot - i <= 7;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Character ranges of `s` that sit inside quotation marks ("…", “…”, «…»). A refusal inside them is
 * someone else's words (a story, a quoted dialogue, an example), not the model refusing.
 */
export function quotedRanges(s: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (open < 0) {
      if (ch === '"') { open = i; closer = '"'; } else if (ch === '“') { open = i; closer = '”'; } else if (ch === '«') { open = i; closer = '»'; }
    } else if (ch === closer) {
      ranges.push([open, i]);
      open = -1;
    }
  }
  // an unclosed opening quote runs to the end of the sentence (dialogue that spans sentences)
  if (open >= 0) ranges.push([open, s.length]);
  return ranges;
}

export function insideRanges(ranges: Array<[number, number]>, at: number): boolean {
  for (const [a, b] of ranges) if (at > a && at < b) return true;
  return false;
}
