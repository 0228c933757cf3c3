import { useMemo } from 'react';
import type { TaxReport } from '../../core/index.js';
import { filterCases, sortForCell, tagsOf, type CaseView } from '../../report/cases.js';
import { buildMatrix, type Matrix } from '../../report/matrix.js';
import { layoutCase, type Line } from '../case-layout.js';
import { casesColumns, type CasesColumns } from '../cases-columns.js';
import type { PromptInfo } from '../data.js';
import type { Bounds, NavState } from '../nav.js';

export interface View {
  matrix?: Matrix;
  /** domain and variant under the cursor */
  domain?: string;
  variant?: string;
  /** the Cases list for the cell, filtered and ordered */
  list: CaseView[];
  tags: string[];
  /** where the open case sits in the list */
  position: number;
  current?: CaseView;
  lines: Line[];
  samples: number;
  /** the Cases list's column widths at this terminal width */
  columns: CasesColumns;
  bounds: Bounds;
}

/** The width screens draw in: one column spare (a full last column makes some terminals wrap), at least 40. */
export const screenWidth = (columns: number) => Math.max(40, columns - 1);

/** Chrome lines around each screen's body (title, filters, footer). */
export const CHROME = { matrix: 5, cases: 4, case: 3 };

/** Adapts the data to what the screens draw; every computation is a call into src/report or src/ui/*.ts. */
export function useView(nav: NavState, report: TaxReport | undefined, previous: TaxReport | undefined, cases: CaseView[],
  prompts: Map<string, PromptInfo>, size: { columns: number; rows: number }, color: boolean): View {
  const matrix = useMemo(() => (report ? buildMatrix(report, nav.metric, previous) : undefined), [report, previous, nav.metric]);
  const variants = matrix?.variants ?? [];
  const domain = matrix?.domains[Math.min(nav.row, matrix.domains.length - 1)];
  const variant = variants[Math.min(nav.col, variants.length - 1)];
  const promptOf = (id: string) => prompts.get(id)?.text;
  const inDomain = useMemo(() => filterCases(cases, { domain }), [cases, domain]);
  const tags = useMemo(() => tagsOf(inDomain), [inDomain]);
  const list = useMemo(() => {
    const kept = filterCases(inDomain, { ...nav.filter, variant }, promptOf);
    return variant ? sortForCell(kept, variant, nav.baseline, nav.metric) : kept;
  }, [inDomain, nav.filter, variant, nav.baseline, prompts, nav.metric]);
  const caseIds = useMemo(() => list.map((c) => c.caseId), [list]);
  const columns = useMemo(() => casesColumns(screenWidth(size.columns), caseIds, variants.length), [size.columns, caseIds, variants.length]);
  const open = nav.screen === 'case' && nav.caseId !== undefined ? caseIds.indexOf(nav.caseId) : -1;
  const position = open >= 0 ? open : Math.min(nav.index, list.length - 1);
  const current = list[position];
  const samples = current ? Math.max(1, ...Object.values(current.records).map((r) => r.length)) : 1;
  const lines = useMemo(() => {
    if (nav.screen !== 'case' || !current) return [];
    return layoutCase({
      caseId: current.caseId, prompt: prompts.get(current.caseId), variants, baseline: nav.baseline,
      records: current.records, sample: nav.sample, width: size.columns - 1, markSpans: !color,
    });
  }, [nav.screen, current, prompts, variants, nav.baseline, nav.sample, size.columns, color]);
  const page = Math.max(1, size.rows - 1 - CHROME[nav.screen]);
  const bounds: Bounds = {
    domains: matrix?.domains.length ?? 0, variants, cases: list.length, caseIds, tags,
    caseLines: lines.length, pageLines: page, samples,
  };
  return { matrix, domain, variant, list, tags, position, current, lines, samples, columns, bounds };
}
