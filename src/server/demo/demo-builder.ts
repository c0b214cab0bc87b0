/**
 * Loads the demo: the facts of the seed articles written as data in src/domain/demo, plus
 * generated people marked as sample data. Each later capability adds one step to `demoSteps`;
 * a step gets the codes of what earlier steps created through the context.
 */
import type pg from 'pg';
import type { Db } from '../db/pool';
import { inTransaction } from '../db/pool';
import { loadDemoOrgs } from './demo-orgs.step';
import { loadDemoDocuments } from './documents.step';
import { loadDemoReports } from './reports.step';
import { loadDemoStudy } from './study.step';
import { loadDemoGrading, loadDemoNewTermGrading } from './grading.step';
import { loadDemoOversight } from './oversight.step';
import { loadDemoNewTerm } from './new-term';
import { loadDemoRegistry } from './registry.step';
import { loadDemoConsultation } from './consultation.step';
import { loadDemoReorg2025 } from './reorg-2025.step';

export type DemoContext = {
  /** Orgs created so far, by demo code. */
  orgs: Map<string, { id: number; path: string }>;
  log: (line: string) => void;
};
export type DemoStep = { name: string; run: (tx: pg.PoolClient, ctx: DemoContext) => Promise<void> };

export const demoSteps: DemoStep[] = [
  { name: 'orgs', run: loadDemoOrgs },
  { name: 'documents', run: loadDemoDocuments },
  { name: 'reports', run: loadDemoReports },
  { name: 'study', run: loadDemoStudy },
  { name: 'oversight', run: loadDemoOversight },
  { name: 'grading', run: loadDemoGrading },
  { name: 'new-term', run: loadDemoNewTerm },
  { name: 'registry', run: loadDemoRegistry },
  { name: 'consultation', run: loadDemoConsultation },
  // Every step above records its history on the tree as it stood before 01/07/2025; the steps
  // below record the new term's on today's tree.
  { name: 'reorg-2025', run: loadDemoReorg2025 },
  // A round opened in 2026 rates the orgs of the tree of its period.
  { name: 'grading-new-term', run: loadDemoNewTermGrading },
];

/** True once the demo has been loaded into this database. */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM app_settings WHERE key = 'demo_loaded'`);
  return rows.length > 0;
}

/**
 * Which tree the demo ends on: today's, or the old tree, the steps before the 2025
 * reorganization (the tree and its history as they stood until 30/06/2025). The browser
 * journeys of the 2020–2025 term (a ward of Dĩ An reports, the Bloc admits) run on the old
 * tree; the rest on today's.
 */
export type DemoTree = 'today' | 'old-tree';
const reorgStepIndex = () => demoSteps.findIndex((s) => s.name === 'reorg-2025');

/** Loads the demo's steps in one transaction; refuses a database that already has orgs. */
export async function loadDemo(db: Db, log: (line: string) => void = () => undefined, tree: DemoTree = 'today') {
  await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if ((rows[0]?.n ?? 0) > 0)
      throw new Error('Cơ sở dữ liệu đã có tổ chức; không nạp dữ liệu mẫu. The database already has organizations.');
    const ctx: DemoContext = { orgs: new Map(), log };
    for (const step of tree === 'today' ? demoSteps : demoSteps.slice(0, reorgStepIndex())) await step.run(tx, ctx);
    await tx.query(`INSERT INTO app_settings (key, value) VALUES ('demo_loaded', to_jsonb(now()))`);
  });
}

/** Brings a demo loaded on the old tree to today's: runs the 2025 reorganization and the steps after it. */
export async function reorganizeOldTreeDemo(db: Db, log: (line: string) => void = () => undefined) {
  await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ code: string; id: number; path: string }>(
      `SELECT code, id::int, path::text FROM orgs WHERE code IS NOT NULL AND valid_to IS NULL`,
    );
    const ctx: DemoContext = { orgs: new Map(rows.map((r) => [r.code, { id: r.id, path: r.path }])), log };
    for (const step of demoSteps.slice(reorgStepIndex())) await step.run(tx, ctx);
  });
}
