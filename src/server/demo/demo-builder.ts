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
  { name: 'grading-new-term', run: loadDemoNewTermGrading },
  // History dated before 01/07/2025: runs before the 2025 reorganization's step.
  { name: 'registry', run: loadDemoRegistry },
  { name: 'consultation', run: loadDemoConsultation },
];

/** True once the demo has been loaded into this database. */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM app_settings WHERE key = 'demo_loaded'`);
  return rows.length > 0;
}

/** Loads every demo step in one transaction; refuses a database that already has orgs. */
export async function loadDemo(db: Db, log: (line: string) => void = () => undefined) {
  await inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if ((rows[0]?.n ?? 0) > 0)
      throw new Error('Cơ sở dữ liệu đã có tổ chức; không nạp dữ liệu mẫu. The database already has organizations.');
    const ctx: DemoContext = { orgs: new Map(), log };
    for (const step of demoSteps) await step.run(tx, ctx);
    await tx.query(`INSERT INTO app_settings (key, value) VALUES ('demo_loaded', to_jsonb(now()))`);
  });
}
