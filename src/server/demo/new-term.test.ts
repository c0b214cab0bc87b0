import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool';
import { createTestDb } from '../test/db';
import { systemActor } from '../lib/actor';
import { loadDemo } from './demo-builder';
import { getOrgTerms } from '../features/terms';
import { getCarryCandidates } from '../features/terms/carry-over.service';
import { statementOf } from '../features/documents';
import type { TargetComparator } from '../../domain/targets';

let db: Db;
let drop: () => Promise<void>;
const actor = systemActor('Kiểm thử');
const orgId = async (code: string) => (await db.query<{ id: number }>('SELECT id FROM orgs WHERE code = $1', [code])).rows[0]!.id;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  await loadDemo(db);
}, 300_000);
afterAll(async () => drop());

describe('demo: the new term', () => {
  it("records Đảng bộ TP.HCM's congress lần thứ I and its 2025–2030 term as the current one", async () => {
    const terms = await getOrgTerms(db, actor, await orgId('HCM'));
    expect(terms.orgName).toBe('Thành ủy Thành phố Hồ Chí Minh');
    expect(terms.current).toMatchObject({ label: '2025-2030', status: 'open', startDate: '2025-10-15' });
    expect(terms.current!.congress).toMatchObject({
      ordinalText: 'I',
      startDate: '2025-10-13',
      endDate: '2025-10-15',
      delegates: 547,
      mode: 'hybrid',
      bridgePoints: ['TP.HCM', 'Bình Dương', 'Vũng Tàu', 'Côn Đảo'],
      resolution: { symbol: '01-NQ/TU' },
    });
    expect(terms.current!.documents.map((d) => d.symbol).sort()).toEqual(['01-CTr/TU', '01-NQ/TU']);
  });

  it('holds the resolution targets as published, each figure read back from its parts', async () => {
    const { rows } = await db.query<{
      text: string;
      comparator: TargetComparator;
      valueMin: number;
      valueMax: number;
      unit: string;
      perYear: boolean;
      byYear: number | null;
      code: string;
    }>(
      `SELECT i.text, i.comparator, i.value_min AS "valueMin", i.value_max AS "valueMax", i.unit, i.per_year AS "perYear", i.by_year AS "byYear", ind.code
         FROM document_items i JOIN documents d ON d.id = i.document_id JOIN indicators ind ON ind.id = i.indicator_id
        WHERE d.org_id = $1 AND d.symbol = '01-NQ/TU' AND i.kind = 'target' ORDER BY i.position`,
      [await orgId('HCM')],
    );
    expect(rows.map((r) => [r.code, r.valueMin, r.valueMax, r.unit, r.perYear, r.byYear])).toEqual([
      ['GRDP_GROWTH', 10, 11, '%', true, null],
      ['GRDP_PER_CAPITA', 14000, 15000, 'USD', false, 2030],
      ['RD_SPENDING_SHARE', 2, 3, '% GRDP', false, null],
      ['STI_BUDGET_SHARE', 4, 5, '%', false, null],
    ]);
    expect(rows.map((r) => statementOf({ ...r, value: null }))).toEqual(['10–11%/năm', '14.000–15.000 USD', '2–3% GRDP', '4–5%']);
  });

  it("has a sample ward's plan under the city's program, numbered in the ward's own series", async () => {
    const { rows } = await db.query<{ symbol: string; isSample: boolean; implementsSymbol: string; orgSample: boolean }>(
      `SELECT d.symbol, d.is_sample AS "isSample", p.symbol AS "implementsSymbol", o.is_sample AS "orgSample"
         FROM documents d JOIN orgs o ON o.id = d.org_id JOIN document_implements di ON di.document_id = d.id JOIN documents p ON p.series_id = di.implements_series_id
        WHERE o.code = 'HCM.BENTHANH'`,
    );
    expect(rows).toEqual([{ symbol: '01-KH/ĐU', isSample: true, implementsSymbol: '01-CTr/TU', orgSample: true }]);
  });

  it("keeps Bình Dương's 2020–2025 term, closed on 30/06/2025, with its congress lần thứ XI and its numbers", async () => {
    const terms = await getOrgTerms(db, actor, await orgId('BD'));
    expect(terms.current).toBeNull();
    expect(terms.items).toHaveLength(1);
    expect(terms.items[0]).toMatchObject({ label: '2020-2025', status: 'closed', endDate: '2025-06-30' });
    expect(terms.items[0]!.congress).toMatchObject({
      ordinalText: 'XI',
      startDate: '2020-10-13',
      endDate: '2020-10-15',
      resolution: { symbol: '01-NQ/TU' },
    });
    expect(terms.items[0]!.committees.map((c) => [c.role, c.size])).toEqual([
      ['executive', 49],
      ['standing', 15],
      ['inspection', 11],
    ]);
  });

  it("lists what Bình Dương's resolution left for the new term, judged on 30/06/2025", async () => {
    const doc = (
      await db.query<{ id: number }>(`SELECT id FROM documents WHERE org_id = $1 AND kind = 'resolution' AND term = '2020-2025'`, [
        await orgId('BD'),
      ])
    ).rows[0]!;
    const c = await getCarryCandidates(db, actor, doc.id);
    expect(c.asOf).toBe('2025-06-30');
    expect(c.targets.length + c.tasks.length).toBeGreaterThan(0);
    expect(c.tasks.map((t) => t.text)).toEqual(expect.arrayContaining([expect.stringMatching(/thành phố thông minh/i)]));
    for (const t of c.targets) expect(t.status).not.toBe('achieved');
  });
});
