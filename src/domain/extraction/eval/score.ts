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
  /** Right targets whose expected indicator name is given, and those whose name shares its words. */
  namesChecked: number;
  namesRight: number;
  misses: Miss[];
};

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

function sameNumbers(got: ExtractedItem, want: ExpectedTarget): boolean {
  return close(got.value, want.value) && close(got.valueMin, want.valueMin) && close(got.valueMax, want.valueMax);
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();

function sameReference(got: ExtractedItem, want: ExpectedTarget): boolean {
  if (want.reference === undefined) return got.reference === null || got.reference === undefined;
  return fold(got.reference ?? '') === fold(want.reference);
}

function matches(got: ExtractedItem, want: ExpectedTarget): boolean {
  return got.comparator === want.comparator && sameNumbers(got, want) && got.unit === want.unit && sameReference(got, want);
}

/**
 * A proposed name is right when it holds most of the expected name's words and is mostly made
 * of them: "Xã" for "Tỷ lệ xã, phường có trung tâm văn hóa" fails both ways, a name with one
 * word more or less passes. Names are proposals a person edits, so exact equality is too strict.
 */
export function isSameName(got: string, want: string): boolean {
  const g = fold(got).split(' ').filter(Boolean);
  const w = new Set(fold(want).split(' ').filter(Boolean));
  if (g.length === 0 || w.size === 0) return false;
  const shared = new Set(g.filter((x) => w.has(x))).size;
  return shared / w.size >= 0.7 && shared / new Set(g).size >= 0.6;
}

/** Scores `extractItems` on the cases. Pure apart from running the parser. */
export function scoreCases(cases: EvalCase[]): Score {
  const score: Score = {
    expected: 0,
    correct: 0,
    proposed: 0,
    falseTargets: 0,
    detailsChecked: 0,
    detailsRight: 0,
    namesChecked: 0,
    namesRight: 0,
    misses: [],
  };
  for (const testCase of cases) {
    const got = extractItems(testCase.text).filter((i) => i.kind === 'target');
    const free = [...got];
    let caseCorrect = 0;
    for (const want of testCase.targets) {
      const i = free.findIndex((g) => matches(g, want));
      if (i < 0) continue;
      const hit = free.splice(i, 1)[0]!;
      caseCorrect++;
      if (want.byYear !== undefined || want.perYear !== undefined || want.achieved !== undefined) {
        score.detailsChecked++;
        const yearOk = want.byYear === undefined || hit.byYear === want.byYear;
        const yearlyOk = want.perYear === undefined || hit.perYear === want.perYear;
        const achievedOk = want.achieved === undefined || close(hit.achieved, want.achieved);
        if (yearOk && yearlyOk && achievedOk) score.detailsRight++;
      }
      if (want.indicator !== undefined) {
        score.namesChecked++;
        if (isSameName(hit.indicator, want.indicator)) score.namesRight++;
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
    `due year and yearly flag right ${s.detailsRight}/${s.detailsChecked}` +
    (s.namesChecked > 0 ? `, indicator names right ${s.namesRight}/${s.namesChecked} (${pct(s.namesRight, s.namesChecked)}%)` : '')
  );
}
