import type { RunRecord } from '../core/index.js';
import { highlight, withMarkers, wrap, type Line } from './case-layout.js';
import type { PromptInfo } from './data.js';

/**
 * The body of the `atax label` screen as styled lines: the prompt, then the answer with its hedge
 * and refusal spans marked (the Case screen's highlighting). The variant and the classifier's
 * outcome are left out on purpose: a reviewer who sees them anchors on them, and the labels are
 * there to measure the classifier, not to echo it.
 */
export interface LabelLayoutInput {
  caseId: string;
  prompt?: PromptInfo;
  record?: RunRecord;
  width: number;
  /** without colour, bracket marked spans: ‹hedge› «refusal» */
  markSpans?: boolean;
}

export function layoutLabelItem(inp: LabelLayoutInput): Line[] {
  const width = Math.max(20, inp.width);
  const lines: Line[] = [];
  if (inp.prompt?.system) lines.push(...wrap([{ text: 'system: ', style: 'dim' }, { text: inp.prompt.system, style: 'plain' }], width));
  lines.push(...wrap([{ text: 'prompt: ', style: 'heading' }, { text: inp.prompt?.text ?? `(prompt unavailable: ${inp.caseId})`, style: 'plain' }], width));
  lines.push([]);
  lines.push([{ text: 'answer:', style: 'heading' }]);
  const r = inp.record;
  if (!r) {
    lines.push([{ text: '(this answer is no longer in records.jsonl)', style: 'dim' }]);
    return lines;
  }
  const body = highlight(r.completion.text, r.verdict?.signals ?? []);
  const shown = inp.markSpans ? withMarkers(body) : body;
  lines.push(...wrap(shown.length ? shown : [{ text: '(empty answer)', style: 'dim' }], width));
  return lines;
}
