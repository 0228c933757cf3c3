import type { Case, Check, CheckResult, Completion, JudgeConfig, Message, Outcome, Params, Signal, Verdict } from '../core/index.js';
import { clip } from './hedges.js';
import { UNCERTAIN_BELOW } from './rules.js';
import { fillTemplate, loadRubric, readLabel, type Rubric } from './rubric.js';
import { userTextOf } from '../case-text.js';

export interface JudgeDeps {
  baseDir: string;
  /** one judge request; the runner routes it through the judge provider's queue, retry and cache */
  complete: (req: { messages: Message[]; params: Params }) => Promise<Completion>;
}

export interface Judge {
  review(c: Case, completion: Completion, v: Verdict): Promise<Verdict>;
}

type Classification = Exclude<Outcome, 'error'>;

/**
 * The optional LLM judge. Mode `always` asks it about every answer; `uncertain` only where the rules'
 * confidence is below UNCERTAIN_BELOW. It also grades every `judge` check. Both labels are kept
 * (rulesOutcome, judgeOutcome); the judge's wins. A judge that fails or answers with no rubric word
 * leaves the rules' label in place and says so in a `note` signal.
 */
export function createJudge(cfg: JudgeConfig, deps: JudgeDeps): Judge {
  const rubric = loadRubric(cfg.rubric, deps.baseDir);
  const checkRubrics = new Map<string, Rubric>();
  const rubricFor = (name: string): Rubric => {
    let r = checkRubrics.get(name);
    if (!r) { r = loadRubric(name, deps.baseDir); checkRubrics.set(name, r); }
    return r;
  };
  const ask = async (r: Rubric, c: Case, text: string): Promise<{ reply: string; target?: ReturnType<typeof readLabel> } | { failed: string }> => {
    try {
      const out = await deps.complete({ messages: judgeMessages(r, c, text), params: { temperature: 0, ...cfg.params } });
      if (out.error) return { failed: `${out.error.kind}: ${out.error.message}` };
      return { reply: out.text, target: readLabel(out.text, r) };
    } catch (err) {
      return { failed: (err as Error).message };
    }
  };

  return {
    async review(c, completion, v) {
      if (completion.error || v.outcome === 'error') return v;
      const signals: Signal[] = [...v.signals];
      let outcome = v.outcome as Classification;
      let by: Verdict['by'] = v.by;
      let judgeOutcome: Outcome | undefined;
      if (cfg.mode === 'always' || (v.confidence ?? 1) < UNCERTAIN_BELOW) {
        const res = await ask(rubric, c, completion.text);
        const label = 'failed' in res ? undefined : res.target;
        if (label && label.target !== 'pass' && label.target !== 'fail') {
          judgeOutcome = label.target;
          outcome = label.target;
          by = 'judge';
          signals.push({ rule: `judge.${rubric.id}`, kind: signalKind(label.target), quote: clip('reply' in res ? res.reply : '', 120) });
        } else {
          signals.push({ rule: 'judge.unusable', kind: 'note', quote: clip('failed' in res ? res.failed : `no rubric word in: ${res.reply}`, 160) });
        }
      }
      const checks = await gradeJudgeChecks(c, completion.text, v.checks, (name) => rubricFor(name), ask);
      const hedges = outcome === 'hedged' ? Math.max(1, v.hedges) : v.hedges;
      const answered = outcome === 'complied' || outcome === 'hedged';
      return {
        ...v, outcome, by, signals, checks, hedges,
        completed: c.kind === 'task' && answered && checks.every((r) => r.passed),
        ...(judgeOutcome ? { rulesOutcome: v.outcome, judgeOutcome } : {}),
      };
    },
  };
}

/**
 * Grades each `judge` check of the case (the rules left them pending) with its own rubric, through
 * the configured judge provider (a check's own `provider` field is not routed separately: the
 * runner gives the judge one provider lane).
 */
async function gradeJudgeChecks(
  c: Case, text: string, results: CheckResult[], rubricFor: (name: string) => Rubric,
  ask: (r: Rubric, c: Case, text: string) => Promise<{ reply: string; target?: ReturnType<typeof readLabel> } | { failed: string }>,
): Promise<CheckResult[]> {
  const checks: Check[] = c.expect ?? [];
  const out = [...results];
  for (let i = 0; i < checks.length && i < out.length; i++) {
    const check = checks[i];
    if (check.type !== 'judge') continue;
    const res = await ask(rubricFor(check.rubric), c, text);
    if ('failed' in res) { out[i] = { type: 'judge', passed: false, detail: `judge failed: ${res.failed}` }; continue; }
    const t = res.target?.target;
    const passed = t === 'pass' || t === 'complied' || t === 'hedged';
    out[i] = { type: 'judge', passed, detail: res.target ? `judge said ${res.target.word}` : `no rubric word in the judge's reply: ${clip(res.reply, 80)}` };
  }
  return out;
}

export function judgeMessages(r: Rubric, c: Case, answer: string): Message[] {
  const prompt = userTextOf(c) ?? '';
  const user = fillTemplate(r.prompt, { prompt, answer, reference: c.reference ?? '' });
  return r.system ? [{ role: 'system', content: r.system }, { role: 'user', content: user }] : [{ role: 'user', content: user }];
}

function signalKind(o: Classification): Signal['kind'] {
  return o === 'refused' ? 'refusal' : o === 'partial' ? 'partial' : o === 'hedged' ? 'hedge' : 'compliance';
}
