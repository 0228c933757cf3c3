import { escapeHtml as xml } from './escape.js';
import type { Scorecard } from './scorecard.js';

/**
 * The policy verdict as JUnit XML: one testcase per gate × variant × domain, so CI systems list
 * gates as tests. Line 1 is the verdict as an XML comment (a comment may precede the root element;
 * the XML declaration may not follow anything, so it is left out: UTF-8 is XML's default).
 */
const comment = (text: string) => `<!-- ${xml(text).replace(/--/g, '- -')} -->`;

export function renderJunit(card: Scorecard): string {
  const { gates, failed } = card.verdict;
  const suiteName = `alignment-tax policy ${card.verdict.policy}`;
  const cases = gates.map((g) => {
    const attrs = `name="${xml(g.label)} · ${xml(g.variant)} · ${xml(g.domain)}" classname="alignment-tax.${xml(g.metric)}"`;
    if (g.status === 'pass') return `    <testcase ${attrs} time="0"><system-out>${xml(g.message)}</system-out></testcase>`;
    const tag = g.status === 'nodata' ? 'error' : 'failure';
    return `    <testcase ${attrs} time="0"><${tag} message="${xml(g.message)}" type="${g.status === 'nodata' ? 'NoData' : 'GateFailed'}">${xml(`${g.label} on ${g.variant} · ${g.domain}: ${g.message}`)}</${tag}></testcase>`;
  });
  const errors = failed.filter((g) => g.status === 'nodata').length;
  const failures = failed.length - errors;
  const simulated = card.report.simulated ? `\n    <property name="simulated" value="true"/>` : '';
  return [
    comment(card.headline),
    `<testsuites name="${xml(suiteName)}" tests="${gates.length}" failures="${failures}" errors="${errors}">`,
    `  <testsuite name="${xml(suiteName)}" tests="${gates.length}" failures="${failures}" errors="${errors}" skipped="0" timestamp="${xml(card.generatedAt)}">`,
    `    <properties>`,
    `    <property name="run" value="${xml(card.report.runId)}"/>`,
    `    <property name="baseline" value="${xml(card.report.baseline)}"/>${simulated}`,
    `    </properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
