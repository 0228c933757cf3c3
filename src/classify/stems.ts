import { STOPWORDS } from './patterns.js';

/** Prompt words that carry its subject, stemmed to five letters so "workplace" meets "work". */
export function contentStems(prompt: string): Set<string> {
  const out = new Set<string>();
  for (const w of prompt.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? []) {
    if (!STOPWORDS.has(w)) out.add(w.slice(0, 5));
  }
  return out;
}

export function sharesStem(text: string, stems: ReadonlySet<string>): boolean {
  for (const w of text.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? []) if (stems.has(w.slice(0, 5))) return true;
  return false;
}
