// The report's cost block as text: the terminal report, the scorecard and the TUI print these lines.
import type { CostBlock, VariantCost } from '../core/index.js';
import { compact } from './pace.js';

/** $0.0042, $1.23, $1,234 */
export function usd(n: number): string {
  if (n === 0) return '$0';
  if (n < 0.01) return `$${n.toPrecision(2)}`;
  if (n < 1000) return `$${n.toFixed(2)}`;
  return `$${Math.round(n).toLocaleString('en-US')}`;
}

function tokens(l: Pick<VariantCost, 'inputTokens' | 'outputTokens' | 'estimated' | 'answers' | 'cached'>): string {
  const est = l.estimated ? `, ${l.estimated === l.answers ? 'all' : l.estimated} estimated` : '';
  const cached = l.cached ? `, ${l.cached} cached` : '';
  return `${compact(l.inputTokens)} in + ${compact(l.outputTokens)} out tokens${est}${cached}`;
}

/** One variant: tokens, dollars, and what one point of precision on its headline interval costs. */
export function variantCostText(v: VariantCost): string {
  const cost = v.cost === null ? 'no price in the config' : usd(v.cost);
  const precision = v.halfWidth === null ? '' : ` · ±${v.halfWidth.toFixed(1)} pts${v.costPerPoint === null ? '' : `, ${usd(v.costPerPoint)} more to narrow it by 1 pt`}`;
  return `${v.variant}: ${tokens(v)} · ${cost}${precision}`;
}

/** The cost block: a line per variant and one for the run. */
export function costLines(block: CostBlock): string[] {
  const t = block.total;
  return [
    ...block.variants.map(variantCostText),
    `run: ${tokens(t)} · ${t.cost === null ? 'no prices in the config' : usd(t.cost)}`,
  ];
}
