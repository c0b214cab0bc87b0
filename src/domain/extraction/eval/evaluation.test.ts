import { describe, expect, it } from 'vitest';
import { freshHeldOutCases } from './held-out-fresh';
import { heldOutCases } from './held-out';
import { formatScore, scoreCases } from './score';
import { term2030DevCases } from './term-2030-dev';
import { term2030HeldOutCases } from './term-2030-held-out';
import { tuningCases } from './tuning';

const MIN_CORRECT = 0.9;
const MAX_FALSE = 0.05;

function describeMisses(misses: ReturnType<typeof scoreCases>['misses']): string {
  return misses
    .map(
      (m) =>
        `  ${m.text}\n    want ${JSON.stringify(m.expected.map((e) => [e.comparator, e.value ?? [e.valueMin, e.valueMax], e.unit]))}` +
        `\n    got  ${JSON.stringify(m.got.map((g) => [g.comparator, g.value ?? [g.valueMin, g.valueMax], g.unit]))}`,
    )
    .join('\n');
}

describe('extraction evaluation', () => {
  it('has at least 150 target statements', () => {
    const targets = [...tuningCases, ...heldOutCases, ...freshHeldOutCases].reduce((n, c) => n + c.targets.length, 0);
    expect(targets).toBeGreaterThanOrEqual(150);
  });

  it('reads at least 90% of targets right and proposes under 5% false targets', () => {
    const tuning = scoreCases(tuningCases);
    const heldOut = scoreCases(heldOutCases);
    const fresh = scoreCases(freshHeldOutCases);
    const all = scoreCases([...tuningCases, ...heldOutCases, ...freshHeldOutCases]);
    console.log(formatScore('tuning', tuning));
    console.log(formatScore('held-out, read once', heldOut));
    console.log(formatScore('held-out, never tuned', fresh));
    console.log(formatScore('', all));
    if (process.env.EXTRACTION_MISSES) console.log(describeMisses(all.misses));
    expect(all.correct / all.expected).toBeGreaterThanOrEqual(MIN_CORRECT);
    expect(all.falseTargets / Math.max(1, all.proposed)).toBeLessThan(MAX_FALSE);
    expect(heldOut.correct / heldOut.expected).toBeGreaterThanOrEqual(MIN_CORRECT);
    expect(heldOut.falseTargets / Math.max(1, heldOut.proposed)).toBeLessThan(MAX_FALSE);
  });
});

// The 2025–2030 set: targets with the right comparator, numbers and full unit (with its base).
const TERM_2030_MIN_DEV = 0.95;
const TERM_2030_MIN_HELD_OUT = 0.95;

describe('extraction evaluation, 2025–2030 set', () => {
  it('has at least 400 statements covering targets and traps', () => {
    expect(term2030DevCases.length + term2030HeldOutCases.length).toBeGreaterThanOrEqual(400);
    expect(term2030HeldOutCases.length).toBeGreaterThanOrEqual(100);
  });

  it('reads at least 95% of the development part right', () => {
    const dev = scoreCases(term2030DevCases);
    console.log(formatScore('2025–2030, development part', dev));
    if (process.env.EXTRACTION_MISSES) console.log(describeMisses(dev.misses));
    expect(dev.correct / dev.expected).toBeGreaterThanOrEqual(TERM_2030_MIN_DEV);
    // Indicator names were 212/289 (73,4%) before they were improved on this part: 266/289.
    expect(dev.namesRight / dev.namesChecked).toBeGreaterThanOrEqual(0.9);
  });

  // Scored once, after the rules were final (97,3%: 110 of 113); its misses were not used to
  // change the parser, and must not be.
  it('reads at least 95% of the held-out part right', () => {
    const heldOut = scoreCases(term2030HeldOutCases);
    console.log(formatScore('2025–2030, held-out part', heldOut));
    expect(heldOut.correct / heldOut.expected).toBeGreaterThanOrEqual(TERM_2030_MIN_HELD_OUT);
    // Names scored once after the naming rules were final: 94/110 (85,5%; 77/110 before).
    expect(heldOut.namesRight / heldOut.namesChecked).toBeGreaterThanOrEqual(0.85);
  });
});
