import type { Sentence } from './sentences.js';

/**
 * A fast gate in front of the phrase regexes. Each regex declares the word stems any match of it
 * must contain (a match of "consult(ing) a doctor" contains a word starting with "consult"); one
 * pass over the answer marks, per sentence, which stems occur, and a regex runs only on sentences
 * that hold one of its stems. This keeps the classifier at tens of thousands of answers per second
 * on one core; test/classify/triggers.test.ts checks on real answers that the gate never hides a match.
 */
const ALPHABET = 28; // a–z, ' and ’
const APOS = 26;
const RSQUO = 27;

/** Trie slot of a UTF-16 code unit, -1 for a character that is not part of a word (a lookup table: this loop is hot). */
const SLOTS = new Int8Array(65536).fill(-1);
for (let c = 0; c < 26; c++) { SLOTS[97 + c] = c; SLOTS[65 + c] = c; }
SLOTS[39] = APOS;
SLOTS[0x2019] = RSQUO;
function slot(code: number): number {
  return SLOTS[code];
}

export interface StemGate {
  /** flat trie: next[node * ALPHABET + slot] = child node, 0 = none */
  next: Int32Array;
  /** bits of the stems that end at a node (a word starting with the stem sets them) */
  mask: Uint32Array;
}

/** Builds a gate from stem groups; group i sets bit i. Stems are lowercase a–z and apostrophes. */
export function compileStems(groups: ReadonlyArray<readonly string[]>): StemGate {
  if (groups.length > 31) throw new Error('at most 31 stem groups');
  const next: number[] = new Array(ALPHABET).fill(0);
  const mask: number[] = [0];
  groups.forEach((stems, bit) => {
    for (const stem of stems) {
      let node = 0;
      for (const ch of stem) {
        const s = slot(ch.charCodeAt(0));
        if (s < 0) throw new Error(`stem "${stem}": only letters and apostrophes`);
        let child = next[node * ALPHABET + s];
        if (!child) {
          child = mask.length;
          mask.push(0);
          for (let i = 0; i < ALPHABET; i++) next.push(0);
          next[node * ALPHABET + s] = child;
        }
        node = child;
      }
      mask[node] |= 1 << bit;
    }
  });
  return { next: Int32Array.from(next), mask: Uint32Array.from(mask) };
}

/** Digits or currency signs in a sentence (figures) set this bit alongside the stem bits. */
export const DIGIT_BIT = 1 << 31;

/** Per sentence, the OR of the bits of every stem some word in it starts with. */
export function sentenceMasks(text: string, sentences: readonly Sentence[], gate: StemGate): Uint32Array {
  const out = new Uint32Array(sentences.length);
  const { next, mask } = gate;
  let si = 0;
  for (const n = sentences.length; si < n;) {
    const s = sentences[si];
    let bits = 0;
    let prevWord = false;
    for (let i = s.start; i < s.end; i++) {
      const code = text.charCodeAt(i);
      const sl = SLOTS[code];
      if (sl < 0) {
        prevWord = false;
        if ((code >= 48 && code <= 57) || code === 36 || code === 0x20ac || code === 0xa3) bits |= DIGIT_BIT;
        continue;
      }
      if (prevWord) continue;
      prevWord = true;
      // walk the trie from this word's first letter while the letters follow a stem
      let node = 0;
      for (let j = i; j < s.end; j++) {
        const c = SLOTS[text.charCodeAt(j)];
        if (c < 0) break;
        node = next[node * ALPHABET + c];
        if (!node) break;
        bits |= mask[node];
      }
    }
    out[si] = bits >>> 0;
    si++;
  }
  return out;
}
