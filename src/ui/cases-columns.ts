import stringWidth from 'string-width';

/**
 * Column widths of the Cases list: case id, disagreement, one outcome per variant, prompt. Ids and
 * prompts share what the other columns leave: an id gets the width it needs up to half of that
 * share (at least ID_KEEP cells when it is that long), and the prompt keeps at least PROMPT_MIN.
 * When that is not enough, outcomes shrink to letters first (C H P R E), then ids are cut.
 */
export interface CasesColumns {
  id: number;
  /** cells per variant's outcome, its trailing space included: 9 ("complied ") or 3 ("C  ") */
  outcome: number;
  /** outcomes are written out in full */
  full: boolean;
  prompt: number;
}

const PROMPT_MIN = 24;
const ID_MIN = 8;
const ID_KEEP = 24;
/** the spaces around the disagreement column ("dis" and its two gaps) */
const DIS = 6;
const FULL = 9;
const SHORT = 3;

export function casesColumns(width: number, caseIds: string[], variants: number): CasesColumns {
  const longest = Math.max(ID_MIN, ...caseIds.map((id) => stringWidth(id)));
  const shared = (outcome: number) => width - DIS - variants * outcome - 1;
  const room = (outcome: number) => shared(outcome) - PROMPT_MIN;
  // full words unless they would cut ids that fit in ID_KEEP cells
  const full = room(FULL) >= Math.min(longest, ID_KEEP);
  const outcome = full ? FULL : SHORT;
  const half = Math.max(Math.min(longest, ID_KEEP), Math.floor(shared(outcome) / 2));
  const id = Math.max(ID_MIN, Math.min(longest, half, room(outcome)));
  return { id, outcome, full, prompt: Math.max(0, width - id - DIS - variants * outcome - 1) };
}
