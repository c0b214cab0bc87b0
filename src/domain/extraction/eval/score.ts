/**
 * Scoring of the extraction against the evaluation set. A target is right when kind,
 * comparator, numbers and unit all match; a proposed target is false when no expected
 * target of its statement has its numbers (it is not a target at all, rather than a
 * target read wrongly).
 */
import { extractItems } from '../extract-items';
import type { ExtractedItem } from '../types';
import type { EvalCase, ExpectedTarget } from './eval-types';

export type Miss = { text: string; expected: ExpectedTarget[]; got: ExtractedItem[] };

export type Score = {
  expected: number;
  correct: number;
  proposed: number;
  falseTargets: number;
  /** Right targets whose due year and yearly flag, where the case gives them, also match. */
  detailsChecked: number;
  detailsRight: number;
  misses: Miss[];
};

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

function sameNumbers(got: ExtractedItem, want: ExpectedTarget): boolean {
  return close(got.value, want.value) && close(got.valueMin, want.valueMin) && close(got.valueMax, want.valueMax);
}

function matches(got: ExtractedItem, want: ExpectedTarget): boolean {
  return got.comparator === want.comparator && sameNumbers(got, want) && got.unit === want.unit;
}

/** Scores `extractItems` on the cases. Pure apart from running the parser. */
export function scoreCases(cases: EvalCase[]): Score {
  const score: Score = { expected: 0, correct: 0, proposed: 0, falseTargets: 0, detailsChecked: 0, detailsRight: 0, misses: [] };
  for (const testCase of cases) {
    const got = extractItems(testCase.text).filter((i) => i.kind === 'target');
    const free = [...got];
    let caseCorrect = 0;
    for (const want of testCase.targets) {
      const i = free.findIndex((g) => matches(g, want));
      if (i < 0) continue;
      const hit = free.splice(i, 1)[0]!;
      caseCorrect++;
      if (want.byYear !== undefined || want.perYear !== undefined) {
        score.detailsChecked++;
        const yearOk = want.byYear === undefined || hit.byYear === want.byYear;
        const yearlyOk = want.perYear === undefined || hit.perYear === want.perYear;
        if (yearOk && yearlyOk) score.detailsRight++;
      }
    }
    const falseHere = got.filter((g) => !testCase.targets.some((w) => sameNumbers(g, w))).length;
    score.expected += testCase.targets.length;
    score.correct += caseCorrect;
    score.proposed += got.length;
    score.falseTargets += falseHere;
    if (caseCorrect < testCase.targets.length || falseHere > 0) {
      score.misses.push({ text: testCase.text, expected: testCase.targets, got });
    }
  }
  return score;
}

const pct = (n: number, d: number) => (d === 0 ? '0.0' : ((100 * n) / d).toFixed(1));

/** The one-line report printed by the evaluation test. */
export function formatScore(label: string, s: Score): string {
  return (
    `extraction score${label ? ` (${label})` : ''}: targets ${s.correct}/${s.expected} correct (${pct(s.correct, s.expected)}%), ` +
    `false targets ${s.falseTargets}/${s.proposed} (${pct(s.falseTargets, s.proposed)}%), ` +
    `due year and yearly flag right ${s.detailsRight}/${s.detailsChecked}`
  );
}
