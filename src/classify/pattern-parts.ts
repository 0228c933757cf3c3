/**
 * The top-level alternatives of a phrase pattern, each as a regex of its own, so a benchmark can
 * count how many answers each one fires on (bench/classify.mjs --rules) and a pattern that only ever
 * matched one development answer stands out.
 */
export function alternatives(re: RegExp): RegExp[] {
  const src = re.source;
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { parts.push(src.slice(from, i)); from = i + 1; }
  }
  parts.push(src.slice(from));
  return parts.map((p) => new RegExp(p, re.flags));
}

/** A pattern's top-level alternatives by name and index ("REFUSAL#3"), with the flags that make `test` stateless. */
export function namedAlternatives(name: string, re: RegExp): Array<{ id: string; re: RegExp }> {
  const flags = re.flags.replace('g', '');
  return alternatives(re).map((a, i) => ({ id: `${name}#${i}`, re: new RegExp(a.source, flags) }));
}
