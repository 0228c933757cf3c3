/**
 * The `expr:` gates of a policy: each expression checked when the policy loads (mathjs is loaded
 * only here, and only when a policy has one), so a bad expression stops `atax scorecard` with exit 2
 * at the policy file's line and column, with the names an expression may use.
 */
import { UserError, UserErrors } from '../errors.js';
import { locate, positionOf, type PathKey, type YamlSource } from '../suite/yaml-source.js';
import { compileExpression, ExpressionError, namesHint } from './expression.js';
import type { ExpressionGateSpec } from './policy.js';

type ExprInput = string | { expr: string; variants: ExpressionGateSpec['variants']; domains: ExpressionGateSpec['domains']; name?: string };

/** file:line:col of character `char` of the expression string at `path` (the string's own position when unknown). */
function where(source: YamlSource, path: PathKey[], char: number | undefined): string {
  const node = source.doc.getIn(path, true) as { range?: [number, number, number]; type?: string } | undefined;
  if (char === undefined || !node?.range || (node.type !== 'PLAIN' && node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE')) return locate(source, path);
  const start = node.range[0] + (node.type === 'PLAIN' ? 0 : 1);
  const pos = source.lines.linePos(start + char);
  const here = positionOf(source, path);
  // a folded or escaped string does not map char for char: fall back to where it starts
  return pos.line === here.line ? `${source.display}:${pos.line}:${pos.col}` : locate(source, path);
}

export function expressionSpecs(value: ExprInput | ExprInput[], source: YamlSource): ExpressionGateSpec[] {
  const list = Array.isArray(value) ? value : [value];
  const errors: UserError[] = [];
  const specs: ExpressionGateSpec[] = [];
  list.forEach((g, i) => {
    const path: PathKey[] = Array.isArray(value) ? ['gates', 'expr', i] : ['gates', 'expr'];
    const text = typeof g === 'string' ? g : g.expr;
    const textPath = typeof g === 'string' ? path : [...path, 'expr'];
    try {
      const expression = compileExpression(text);
      const scope = typeof g === 'string' ? { variants: 'candidates' as const, domains: 'all' as const } : g;
      specs.push({
        metric: 'expr', expression,
        variants: scope.variants, domains: scope.domains, name: typeof g === 'string' ? undefined : g.name,
        where: locate(source, path), whereVariants: locate(source, [...path, 'variants']), whereDomains: locate(source, [...path, 'domains']),
      });
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      errors.push(new UserError(`${where(source, textPath, err.char)}: gate expression \`${text}\`: ${err.message}`, namesHint()));
    }
  });
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors);
  return specs;
}
