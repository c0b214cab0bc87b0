/** The open-term form's values as the body of POST /orgs/:id/terms. */
import type { z } from 'zod';
import type { congressModes, openTermSchema } from '../../../contracts/terms';

export type OpenTermBody = z.input<typeof openTermSchema>;

export type OpenTermValues = {
  startYear?: number;
  endYear?: number;
  startDate: string | null;
  previousEndDate: string | null;
  withCongress: boolean;
  ordinal?: number;
  congressStart: string | null;
  congressEnd: string | null;
  delegates?: number | null;
  mode: (typeof congressModes)[number];
  bridgePoints: string[];
  resolutionDocumentId?: number | null;
};

/** Builds the body; the congress only when asked for, its bridge points only when not in person. */
export function buildOpenTermBody(v: OpenTermValues): OpenTermBody {
  return {
    startYear: v.startYear ?? 0,
    endYear: v.endYear ?? 0,
    startDate: v.startDate ?? '',
    previousEndDate: v.previousEndDate ?? null,
    congress: v.withCongress
      ? {
          ordinal: v.ordinal ?? 0,
          startDate: v.congressStart ?? '',
          endDate: v.congressEnd ?? v.congressStart ?? '',
          delegates: v.delegates ?? null,
          mode: v.mode,
          bridgePoints: v.mode === 'in_person' ? [] : v.bridgePoints.map((p) => p.trim()).filter((p) => p.length > 0),
          resolutionDocumentId: v.resolutionDocumentId ?? null,
        }
      : null,
  };
}
