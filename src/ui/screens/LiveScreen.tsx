import { Box, Static, Text } from 'ink';
import type { Matrix } from '../../report/matrix.js';
import { Bar } from '../components/Bar.js';
import { duration, halfWidth, points, rate } from '../format.js';
import { etaSeconds, isVariantDone, ratePerSecond, totals, type LiveState, type VariantProgress } from '../live-state.js';
import { fit } from '../text-width.js';
import { directionColor, outcomeColor, useTheme } from '../theme.js';

export interface LiveSnapshot {
  state: LiveState;
  now: number;
  /** variants in the order they finished: printed once, above the live area */
  finished: VariantProgress[];
  /** the running tax (completion points lost vs baseline) per domain, when the manifest is known */
  tax?: Matrix;
}

function VariantLine({ p, now, width, nameWidth }: { p: VariantProgress; now: number; width: number; nameWidth: number }) {
  const theme = useTheme();
  const done = isVariantDone(p);
  const count = `${p.done}/${p.total}`.padStart(11);
  const tail = done
    ? `  done in ${duration(((p.finishedAt ?? now) - (p.startedAt ?? now)) / 1000)}`
    : `  ${rate(ratePerSecond(p, now)).padStart(6)}  ETA ${duration(etaSeconds(p, now))}`;
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

function TaxTable({ tax, width }: { tax: Matrix; width: number }) {
  const theme = useTheme();
  const cols = tax.variants.map((v, i) => ({ v, i })).filter(({ v }) => v !== tax.baseline);
  if (cols.length === 0) return null;
  const domainWidth = Math.min(14, Math.max(6, ...tax.domains.map((d) => d.length)));
  const cellWidth = Math.max(10, Math.min(20, Math.floor((width - domainWidth - 1) / cols.length) - 1));
  const shown = cols.slice(0, Math.max(1, Math.floor((width - domainWidth) / (cellWidth + 1))));
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>{fit(`Running tax: completion points lost vs ${tax.baseline} (±CI half-width)`, width)}</Text>
      <Text dimColor={theme.color}>{fit('domain', domainWidth)} {shown.map(({ v }) => fit(v, cellWidth, 'right')).join(' ')}</Text>
      {tax.domains.map((d, r) => (
        <Text key={d}>
          {fit(d, domainWidth)}
          {shown.map(({ v, i }) => {
            const c = tax.cells[r][i];
            const text = c.value?.value == null ? '…' : `${points(c.value.value)} ${halfWidth(c.value.lo, c.value.hi)}`;
            return <Text key={v} color={directionColor(theme, c.direction)}> {fit(text, cellWidth, 'right')}</Text>;
          })}
        </Text>
      ))}
    </Box>
  );
}

/** The live run screen: finished variants once, in-flight ones redrawn, the running tax below. */
export function LiveScreen({ snap, width }: { snap: LiveSnapshot; width: number }) {
  const { state, now } = snap;
  const t = totals(state);
  const nameWidth = Math.min(20, Math.max(8, ...state.variants.map((v) => v.length)));
  const active = state.variants.map((v) => state.progress[v]).filter((p) => p && !snap.finished.some((f) => f.id === p.id));
  const share = t.total > 0 ? Math.floor((t.done / t.total) * 100) : 0;
  const header = `run ${state.runId} · ${t.done}/${t.total} (${share}%) · errors ${t.errors} · retries ${t.retries} · ${duration((now - state.startedAt) / 1000)}`;
  return (
    <Box flexDirection="column">
      <Static items={snap.finished}>
        {(p) => <VariantLine key={p.id} p={p} now={now} width={width} nameWidth={nameWidth} />}
      </Static>
      <Text bold>{fit(header, width)}</Text>
      {active.map((p) => <VariantLine key={p.id} p={p} now={now} width={width} nameWidth={nameWidth} />)}
      {state.status === 'failed' ? <Text>{fit(`failed: ${state.message ?? ''}`, width)}</Text> : null}
      {state.lastRetry && state.status === 'running' ? <Text dimColor>{fit(`last retry: ${state.lastRetry}`, width)}</Text> : null}
      {snap.tax ? <TaxTable tax={snap.tax} width={width} /> : null}
    </Box>
  );
}
