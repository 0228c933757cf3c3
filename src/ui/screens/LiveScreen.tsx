import { Box, Static, Text } from 'ink';
import stringWidth from 'string-width';
import type { Matrix } from '../../report/matrix.js';
import { Bar } from '../components/Bar.js';
import { ciHalfWidth, duration, perSecond, signedPts } from '../../util/format.js';
import { etaSeconds, isVariantDone, ratePerSecond, totals, wasDoneBefore, type LiveState, type VariantProgress } from '../live-state.js';
import { fit } from '../../util/text-width.js';
import { simulatedTag } from '../words.js';
import { paceText } from '../../cost/pace.js';
import { directionColor, outcomeColor, useTheme } from '../theme.js';

export interface LiveSnapshot {
  state: LiveState;
  now: number;
  /** variants in the order they finished: printed once, above the live area */
  finished: VariantProgress[];
  /** the running tax (completion points lost vs baseline) per domain, when the manifest is known */
  tax?: Matrix;
  /** why there is no running tax, when there is a reason worth saying */
  taxNote?: string;
  /** the run answers with simulated models (sim:): said in the title */
  simulated?: boolean;
}

function VariantLine({ p, now, width, nameWidth }: { p: VariantProgress; now: number; width: number; nameWidth: number }) {
  const theme = useTheme();
  const done = isVariantDone(p);
  const count = `${p.done}/${p.total}`.padStart(11);
  const tail = wasDoneBefore(p)
    ? '  done in an earlier session'
    : done
      ? `  done in ${duration(((p.finishedAt ?? now) - (p.startedAt ?? now)) / 1000)}`
      : `  ${perSecond(ratePerSecond(p, now)).padStart(6)}  ETA ${duration(etaSeconds(p, now))}`;
  const extras = `  retries ${p.retries}  errors ${p.errors}`;
  const barWidth = Math.max(0, Math.min(30, width - nameWidth - 2 - count.length - tail.length - extras.length - 2));
  return (
    <Text>
      <Text color={done ? outcomeColor(theme, 'complied') : undefined}>{done ? '✓ ' : '▸ '}</Text>
      <Text bold>{fit(p.id, nameWidth)}</Text>
      {barWidth >= 5 ? <Text> <Bar done={p.done} total={p.total} width={barWidth} /></Text> : null}
      <Text>{count}</Text>
      <Text>{tail}</Text>
      <Text color={p.errors > 0 ? outcomeColor(theme, 'error') : undefined}>{extras}</Text>
    </Text>
  );
}

/** A tax cell: the estimate and its CI half-width. Zero is "0.0", since "±0.0 ±9.9" reads as two intervals. */
function taxCell(c: Matrix['cells'][number][number]): string {
  const v = c.value;
  if (v?.value == null) return '…';
  return `${signedPts(v.value)} ${ciHalfWidth(v.lo, v.hi)}`;
}

/**
 * The domains that fit in `rows` lines: the pooled "all" always, the others in order, and a last
 * line saying how many were left out (the live area must stay shorter than the terminal, or Ink
 * clears the screen on every frame).
 */
export function taxRows(domains: string[], rows: number): { shown: number[]; hidden: number } {
  const all = domains.lastIndexOf('all');
  const others = domains.map((_, i) => i).filter((i) => i !== all);
  const room = Math.max(0, rows - (all >= 0 ? 1 : 0));
  const keep = others.length <= room ? others : others.slice(0, Math.max(0, room - 1));
  return { shown: all >= 0 ? [...keep, all] : keep, hidden: others.length - keep.length };
}

function TaxTable({ tax, width, rows }: { tax: Matrix; width: number; rows: number }) {
  const theme = useTheme();
  const cols = tax.variants.map((v, i) => ({ v, i })).filter(({ v }) => v !== tax.baseline);
  if (cols.length === 0 || rows < 1) return null;
  const domainWidth = Math.min(14, Math.max(6, ...tax.domains.map((d) => stringWidth(d))));
  const cellWidth = Math.max(10, Math.min(20, Math.floor((width - domainWidth - 1) / cols.length) - 1));
  const shown = cols.slice(0, Math.max(1, Math.floor((width - domainWidth) / (cellWidth + 1))));
  const { shown: domains, hidden } = taxRows(tax.domains, rows);
  const hiddenCols = cols.length - shown.length;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>{fit(`Running tax: completion points lost vs ${tax.baseline} (±CI half-width)`, width)}</Text>
      <Text dimColor={theme.color}>
        {fit(`${fit('domain', domainWidth)} ${shown.map(({ v }) => fit(v, cellWidth, 'right')).join(' ')}${hiddenCols ? `  +${hiddenCols} more` : ''}`, width)}
      </Text>
      {domains.map((r, k) => (
        <Box key={tax.domains[r]} flexDirection="column">
          {hidden > 0 && k === domains.length - 1 ? <Text dimColor={theme.color}>{fit(`… ${hidden} more domains (atax report shows all)`, width)}</Text> : null}
          <Text>
            {fit(tax.domains[r], domainWidth)}
            {shown.map(({ v, i }) => (
              <Text key={v} color={directionColor(theme, tax.cells[r][i].direction)}> {fit(taxCell(tax.cells[r][i]), cellWidth, 'right')}</Text>
            ))}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

type StaticLine = { kind: 'title'; text: string } | { kind: 'variant'; p: VariantProgress };

const STATUS_WORD: Record<LiveState['status'], string> = { running: 'total', finished: 'finished', 'finished-with-errors': 'finished with errors', interrupted: 'interrupted', failed: 'failed' };

/**
 * The live run screen. Printed once, in order: the run's title, then each variant as it finishes.
 * Redrawn below them: the variants still running, the totals, and the running tax per domain,
 * kept within `height` rows.
 */
export function LiveScreen({ snap, width, height = 24 }: { snap: LiveSnapshot; width: number; height?: number }) {
  const theme = useTheme();
  const { state, now } = snap;
  const t = totals(state);
  const nameWidth = Math.min(20, Math.max(8, ...state.variants.map((v) => stringWidth(v))));
  const active = state.variants.map((v) => state.progress[v]).filter((p) => p && !snap.finished.some((f) => f.id === p.id));
  const share = t.total > 0 ? Math.floor((t.done / t.total) * 100) : 0;
  const resumed = t.resumed > 0 ? ` · ${t.resumed} from the earlier session` : '';
  const summary = `${STATUS_WORD[state.status]} ${t.done}/${t.total} (${share}%)${resumed} · errors ${t.errors} · retries ${t.retries} · ${duration((now - state.startedAt) / 1000)}`;
  const printed: StaticLine[] = [{ kind: 'title', text: `${simulatedTag(snap.simulated)}run ${state.runId}` }, ...snap.finished.map((p) => ({ kind: 'variant' as const, p }))];
  const batches = batchLines(state);
  const notes = (state.status === 'failed' ? 1 : 0) + (state.lastRetry && state.status === 'running' ? 1 : 0) + (state.status === 'running' ? state.pace?.length ?? 0 : 0) + batches.length;
  // live area: running rows, summary, notes, then the table (blank, title, header); one row spare
  const tableRows = height - 1 - active.length - 1 - notes - 3;
  return (
    <Box flexDirection="column">
      <Static items={printed}>
        {(line) =>
          line.kind === 'title'
            ? <Text key="title" bold>{fit(line.text, width)}</Text>
            : <VariantLine key={line.p.id} p={line.p} now={now} width={width} nameWidth={nameWidth} />}
      </Static>
      {active.map((p) => <VariantLine key={p.id} p={p} now={now} width={width} nameWidth={nameWidth} />)}
      <Text bold>{fit(summary, width)}</Text>
      {state.status === 'failed' ? <Text>{fit(`failed: ${state.message ?? ''}`, width)}</Text> : null}
      {state.lastRetry && state.status === 'running' ? <Text dimColor>{fit(`last retry: ${state.lastRetry}`, width)}</Text> : null}
      {state.status === 'running' ? (state.pace ?? []).map((p) => <Text key={p.key} dimColor={theme.color}>{fit(`pace ${paceText(p)}`, width)}</Text>) : null}
      {batches.map((line) => <Text key={line}>{fit(line, width)}</Text>)}
      {snap.tax ? <TaxTable tax={snap.tax} width={width} rows={tableRows} /> : null}
      {snap.taxNote && !snap.tax ? <Text dimColor={theme.color}>{fit(snap.taxNote, width)}</Text> : null}
    </Box>
  );
}

/** One line per provider batch still at the provider (the live state holds them; nothing computed here but text). */
function batchLines(state: LiveState): string[] {
  return Object.values(state.batches ?? {}).filter((b) => b.running).map((b) =>
    `batch ${b.variantId} ${b.batchId}: ${b.providerStatus}, ${b.requests} requests${b.succeeded !== undefined ? `, ${b.succeeded} answered` : ''}`);
}
