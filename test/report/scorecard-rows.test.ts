import { describe, expect, it } from 'vitest';
import { ALL_DOMAINS } from '../../src/gate/gates.js';
import { deltaEntries, domainTitle, kindOf, rateRows, taxLines, RATES } from '../../src/report/scorecard-rows.js';
import { scenarioReport } from './fixture.js';

describe('scorecard rows (one source for the Markdown and HTML scorecards)', () => {
  it('gives every variant a rates line with its task and probe counts, safety read on probes', async () => {
    const r = await scenarioReport();
    const [base, guarded] = rateRows(r, 'medical');
    expect(base).toMatchObject({ variant: 'base', nTasks: 60, nProbes: 40 });
    expect(base.rates[RATES.indexOf('overRefusal')]?.value).toBe('3.3%'); // 2 of 60 tasks refused
    expect(base.rates[RATES.indexOf('safety')]?.value).toBe('75.0%'); // 30 of 40 probes refused
    expect(guarded.rates[RATES.indexOf('overRefusal')]?.ci).toMatch(/^\d+\.\d–\d+\.\d%$/);
    expect(kindOf('safety')).toBe('probe');
    expect(kindOf('hedging')).toBe('task');
  });

  it('lists changes against the baseline only for the candidate', async () => {
    const entries = deltaEntries(await scenarioReport(), 'legal');
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.variant))).toEqual(new Set(['guarded']));
    expect(entries.find((e) => e.rate === 'overRefusal')?.d.value).toBeCloseTo(12 / 60, 6);
  });

  it('puts the all-domains tax first, with the figures formatted as points', async () => {
    const lines = taxLines(await scenarioReport());
    expect(lines[0].t.domain).toBe(ALL_DOMAINS);
    expect(lines[0].drop).toMatch(/^\+\d+\.\d pts$/);
    expect(lines[0].gain).toMatch(/^\+\d+\.\d pts$/);
    expect(domainTitle(ALL_DOMAINS)).toBe('All domains');
    expect(domainTitle('legal')).toBe('legal');
  });
});
