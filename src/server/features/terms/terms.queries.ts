import type { Queryable } from '../../db/pool';
import { congressOrdinal, parseTermLabel } from '../../../domain/terms';
import type { TermDto } from '../../../contracts/terms';
import { latestDocSql } from '../documents';

type TermRow = {
  id: number;
  orgId: number;
  label: string;
  startDate: string;
  endDate: string | null;
  status: 'open' | 'closed';
  isSample: boolean;
  version: number;
};
type CongressRow = {
  id: number;
  termId: number;
  ordinal: number;
  startDate: string;
  endDate: string;
  delegates: number | null;
  mode: 'in_person' | 'online' | 'hybrid';
  bridgePoints: string[];
  isSample: boolean;
  resolutionId: number | null;
  resolutionSymbol: string | null;
  resolutionTitle: string | null;
};

/**
 * The terms of an org, newest first, each with its congress, committees and documents. The
 * committees are the orgs feature's rows for the same term label (read here, written there).
 */
export async function findTermsOfOrg(db: Queryable, orgId: number): Promise<TermDto[]> {
  const { rows: terms } = await db.query<TermRow>(
    `SELECT id, org_id AS "orgId", label, start_date AS "startDate", end_date AS "endDate", status, is_sample AS "isSample", version
       FROM terms WHERE org_id = $1 ORDER BY start_date DESC`,
    [orgId],
  );
  if (terms.length === 0) return [];
  const [congresses, committees, documents] = await Promise.all([
    db.query<CongressRow>(
      `SELECT c.id, c.term_id AS "termId", c.ordinal, c.start_date AS "startDate", c.end_date AS "endDate", c.delegates, c.mode, c.bridge_points AS "bridgePoints",
              c.is_sample AS "isSample", d.id AS "resolutionId", d.symbol AS "resolutionSymbol", d.title AS "resolutionTitle"
         FROM congresses c LEFT JOIN documents d ON d.id = c.resolution_document_id WHERE c.term_id = ANY($1::bigint[])`,
      [terms.map((t) => t.id)],
    ),
    db.query<{ term: string; role: 'executive' | 'standing' | 'inspection'; size: number; people: number }>(
      `SELECT c.term, c.role, c.size, (SELECT count(*)::int FROM committee_members m WHERE m.committee_id = c.id) AS people
         FROM committees c WHERE c.org_id = $1 ORDER BY CASE c.role WHEN 'executive' THEN 1 WHEN 'standing' THEN 2 ELSE 3 END`,
      [orgId],
    ),
    db.query<{ term: string; id: number; kind: string; symbol: string; title: string; status: string }>(
      `SELECT d.term, d.id, d.kind, d.symbol, d.title, d.status FROM documents d
        WHERE d.org_id = $1 AND ${latestDocSql('d')} ORDER BY d.kind, d.number`,
      [orgId],
    ),
  ]);
  return terms.map((t) => {
    const c = congresses.rows.find((r) => r.termId === t.id);
    const years = parseTermLabel(t.label);
    return {
      ...t,
      ...years,
      congress: c
        ? {
            id: c.id,
            ordinal: c.ordinal,
            ordinalText: congressOrdinal(c.ordinal),
            startDate: c.startDate,
            endDate: c.endDate,
            delegates: c.delegates,
            mode: c.mode,
            bridgePoints: c.bridgePoints,
            isSample: c.isSample,
            resolution:
              c.resolutionId === null ? null : { id: c.resolutionId, symbol: c.resolutionSymbol ?? '', title: c.resolutionTitle ?? '' },
          }
        : null,
      committees: committees.rows.filter((r) => r.term === t.label).map(({ term: _t, ...r }) => r),
      documents: documents.rows.filter((r) => r.term === t.label).map(({ term: _t, ...r }) => r),
    };
  });
}
