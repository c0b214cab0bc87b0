/**
 * Numbers of the commission's documents, in the shape Hướng dẫn 36-HD/VPTW gives: the number,
 * the kind's abbreviation, the issuing body: "03-CTr/UBKTTU" (program of the provincial
 * commission), "12-QĐ/UBKTTU" (decision forming a team), "12-KH/ĐKT" (the team's plan),
 * "15-TB/UBKTTU" (conclusion notice). A committee's own program is "05-CTr/TU".
 */
export const OVERSIGHT_DOC_KINDS = ['program', 'decision', 'plan', 'conclusion'] as const;
export type OversightDocKind = (typeof OVERSIGHT_DOC_KINDS)[number];

const abbreviation: Record<OversightDocKind, string> = { program: 'CTr', decision: 'QĐ', plan: 'KH', conclusion: 'TB' };

/** The issuer part: the commission of a committee prefixes "UBKT" to the committee's abbreviation. */
export function oversightIssuer(committeeAbbreviation: string, byCommission: boolean): string {
  return byCommission ? `UBKT${committeeAbbreviation}` : committeeAbbreviation;
}

/** "03-CTr/UBKTTU". Throws RangeError for a number that is not a positive integer. */
export function formatOversightSymbol(number: number, kind: OversightDocKind, issuer: string): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`Số văn bản không hợp lệ: ${number}`);
  return `${String(number).padStart(2, '0')}-${abbreviation[kind]}/${issuer}`;
}
