/**
 * The API's contracts (src/contracts) are what routes answer: every route declares a response
 * schema, and the real answers of every GET route over the demo data match it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import type { App, RouteEntry } from './app';
import { openDemo } from './test/demo';
import { buildTestApp } from './test/http';
import { createTestDb } from './test/db';

/** Routes that answer no declared JSON, each with its reason. Only documentation pages belong here. */
const EXEMPT: Record<string, string> = {
  'GET /api/openapi.json': 'the OpenAPI document itself (hidden from the document it writes)',
};

const isApi = (r: RouteEntry) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs');
const methodsOf = (r: RouteEntry) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
const keyOf = (m: string, r: RouteEntry) => `${m} ${r.url}`;
const successSchemas = (r: RouteEntry) => Object.entries(r.schema?.response ?? {}).filter(([code]) => code.startsWith('2'));
const isFileResponse = (s: unknown) => typeof s === 'object' && s !== null && 'content' in s;

/**
 * The permission family each feature's routes may require: its own. A route that needs another
 * feature's permission has a policy in the wrong place, or its feature a permission to add.
 */
const OWN_PERMISSIONS: Record<string, string[]> = {
  health: [],
  auth: ['auth'],
  orgs: ['orgs'],
  members: ['members'],
  users: ['users'],
  audit: ['audit'],
  documents: ['documents'],
  study: ['study'],
  extraction: ['extraction'],
  reports: ['reports'],
  oversight: ['inspections'],
  grading: ['grading'],
  mail: ['mail'],
  terms: ['terms'],
  apiTokens: ['api-tokens'],
  reorg: ['reorg'],
  consultation: ['consultation'],
  registry: ['registry'],
  // The reports feature's follow-up routes (escalations, explanation threads), a plugin of their own.
  followup: ['reports'],
};

describe('every route declares its answer', () => {
  let routes: RouteEntry[];
  let app: App;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDb();
    drop = t.drop;
    ({ app, routes } = await buildTestApp(t.db));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('has a 2xx response schema on every API route (file downloads declare their media type)', () => {
    const api = routes.filter(isApi).flatMap((r) => methodsOf(r).map((m) => ({ key: keyOf(m, r), r })));
    expect(api.length).toBeGreaterThan(150);
    const missing = api.filter(({ key, r }) => !EXEMPT[key] && successSchemas(r).length === 0).map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('requires of each route only its own feature’s permissions', () => {
    const misplaced = routes
      .filter((r) => isApi(r) && typeof r.access === 'string' && r.access.includes('.'))
      .filter((r) => {
        const family = (r.access as string).split('.')[0]!;
        const own = OWN_PERMISSIONS[r.feature ?? ''];
        return !own?.includes(family);
      })
      .map((r) => `${r.feature ?? '?'}: ${keyOf(methodsOf(r)[0]!, r)} requires ${r.access}`);
    expect(misplaced).toEqual([]);
    // Every feature's routes were tagged, so the check above saw them all.
    expect(routes.filter((r) => isApi(r) && !r.url.startsWith('/api/openapi') && !r.feature).map((r) => r.url)).toEqual([]);
  });

  it('writes every response schema into the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const reportGet = doc.paths['/api/reports/{id}']?.get;
    expect(Object.keys(reportGet?.responses ?? {})).toContain('200');
    const docx = doc.paths['/api/documents/{id}/export.docx']?.get?.responses?.['200'] as { content?: Record<string, unknown> } | undefined;
    expect(Object.keys(docx?.content ?? {})).toEqual(['application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
  });
});

const JOIN_DEMO_GROUP = `
  WITH d AS (SELECT document_id AS id FROM consultation_team_members ORDER BY document_id LIMIT 1),
       joined AS (INSERT INTO consultation_team_members (document_id, user_id, role)
                  SELECT d.id, (SELECT max(user_id) FROM user_roles WHERE role = 'admin'), 'member' FROM d ON CONFLICT DO NOTHING)
  SELECT id FROM d`;

/**
 * Demo ids for the path parameters of each GET route: SQL answering one row whose columns are
 * the route's parameters, plus any query string the route needs.
 */
const SAMPLES: Record<string, { sql?: string; query?: string }> = {
  '/api/documents/:id': { sql: `SELECT id FROM documents WHERE previous_version_id IS NOT NULL ORDER BY id LIMIT 1` },
  '/api/documents/:id/diff': { sql: `SELECT id FROM documents WHERE previous_version_id IS NOT NULL ORDER BY id LIMIT 1` },
  '/api/documents/:id/gaps': { sql: `SELECT id FROM documents WHERE status = 'adopted' ORDER BY id LIMIT 1` },
  '/api/documents/:id/versions': { sql: `SELECT id FROM documents ORDER BY id LIMIT 1` },
  '/api/documents/:documentId/dashboard': { sql: `SELECT id AS "documentId" FROM documents WHERE status = 'adopted' ORDER BY id LIMIT 1` },
  '/api/documents/:documentId/dashboard/list': {
    sql: `SELECT id AS "documentId" FROM documents WHERE status = 'adopted' ORDER BY id LIMIT 1`,
    query: 'list=tasks',
  },
  '/api/documents/:documentId/dashboard-share': {
    sql: `SELECT id AS "documentId" FROM documents WHERE status = 'adopted' ORDER BY id LIMIT 1`,
  },
  '/api/documents/:documentId/report-schedules': { sql: `SELECT document_id AS "documentId" FROM report_schedules ORDER BY id LIMIT 1` },
  '/api/documents/search': { query: 'q=nghi' },
  '/api/followup-settings/:orgId': { sql: `SELECT id AS "orgId" FROM orgs ORDER BY id LIMIT 1` },
  '/api/explanations/:id': { sql: `SELECT id FROM explanation_requests ORDER BY id LIMIT 1` },
  '/api/items/:itemId/chain': { sql: `SELECT child_item_id AS "itemId" FROM item_links ORDER BY child_item_id LIMIT 1` },
  '/api/items/:itemId/concretizations': { sql: `SELECT parent_item_id AS "itemId" FROM item_links ORDER BY parent_item_id LIMIT 1` },
  '/api/items/:itemId/suggestions': { sql: `SELECT child_item_id AS "itemId" FROM item_links ORDER BY child_item_id LIMIT 1` },
  '/api/reports/:id': { sql: `SELECT id FROM reports WHERE status = 'approved' ORDER BY id LIMIT 1` },
  '/api/rollups': {
    sql: `SELECT indicator_id AS "indicatorId", org_id AS "orgId" FROM org_indicator_values ORDER BY org_id LIMIT 1`,
    query: 'indicatorId=:indicatorId&orgId=:orgId',
  },
  '/api/members/:id': { sql: `SELECT id FROM members ORDER BY id LIMIT 1` },
  '/api/orgs/:id': { sql: `SELECT id FROM orgs ORDER BY id LIMIT 1` },
  '/api/orgs/search': { query: 'q=ha' },
  '/api/users/:id': { sql: `SELECT id FROM users ORDER BY id LIMIT 1` },
  '/api/grading/evaluations/:id': { sql: `SELECT id FROM grading_evaluations ORDER BY id LIMIT 1` },
  '/api/grading/orgs/:orgId/history': {
    sql: `SELECT org_id AS "orgId" FROM grading_evaluations WHERE org_id IS NOT NULL ORDER BY id LIMIT 1`,
  },
  '/api/grading/members/:memberId/history': {
    sql: `SELECT member_id AS "memberId" FROM grading_evaluations WHERE member_id IS NOT NULL ORDER BY id LIMIT 1`,
  },
  '/api/grading/rounds/:id': { sql: `SELECT id FROM grading_rounds ORDER BY id LIMIT 1` },
  '/api/grading/rounds/:id/evaluations': { sql: `SELECT id FROM grading_rounds ORDER BY id LIMIT 1` },
  '/api/grading/results': { sql: `SELECT id AS "roundId" FROM grading_rounds ORDER BY id LIMIT 1`, query: 'roundId=:roundId' },
  '/api/grading/results/list': {
    sql: `SELECT id AS "roundId" FROM grading_rounds ORDER BY id LIMIT 1`,
    query: 'roundId=:roundId&subjectKind=org',
  },
  '/api/oversight/inspections/:id': { sql: `SELECT id FROM inspections ORDER BY id LIMIT 1` },
  '/api/oversight/inspections/:id/notes': { sql: `SELECT id FROM inspections ORDER BY id LIMIT 1` },
  '/api/oversight/inspections/:id/team-candidates': { sql: `SELECT id FROM inspections ORDER BY id LIMIT 1` },
  '/api/oversight/orgs/:orgId/timeline': { sql: `SELECT org_id AS "orgId" FROM inspections ORDER BY id LIMIT 1` },
  '/api/oversight/programs/:id': { sql: `SELECT id FROM oversight_programs ORDER BY id LIMIT 1` },
  '/api/oversight/programs/:id/link-options': { sql: `SELECT id FROM oversight_programs ORDER BY id LIMIT 1`, query: 'kind=item' },
  '/api/oversight/inspections/:id/link-options': { sql: `SELECT id FROM inspections ORDER BY id LIMIT 1`, query: 'kind=member' },
  '/api/study/points/:id': { sql: `SELECT id FROM bridge_points ORDER BY id LIMIT 1` },
  '/api/study/points/:id/live': { sql: `SELECT id FROM bridge_points ORDER BY id LIMIT 1` },
  '/api/study/points/:id/roll': { sql: `SELECT id FROM bridge_points ORDER BY id LIMIT 1` },
  '/api/study/points/:id/qr': { sql: `SELECT id FROM bridge_points ORDER BY id LIMIT 1` },
  '/api/study/reflections/:id': { sql: `SELECT id FROM reflections ORDER BY id LIMIT 1` },
  '/api/study/sessions/:id': { sql: `SELECT id FROM study_sessions ORDER BY id LIMIT 1` },
  '/api/study/sessions/:id/points': { sql: `SELECT id FROM study_sessions ORDER BY id LIMIT 1` },
  '/api/study/coverage': {
    sql: `SELECT document_id AS "documentId" FROM document_studies ORDER BY document_id LIMIT 1`,
    query: 'documentId=:documentId',
  },
  '/api/grading/evaluations/:id/evidence': { sql: `SELECT id FROM grading_evaluations WHERE subject_kind = 'org' ORDER BY id LIMIT 1` },
  '/api/orgs/:id/terms': { sql: `SELECT org_id AS id FROM terms ORDER BY id LIMIT 1` },
  '/api/documents/:id/carry-over/candidates': {
    sql: `SELECT d.id FROM documents d JOIN terms t ON t.org_id = d.org_id AND t.label = d.term WHERE t.status <> 'open' ORDER BY d.id LIMIT 1`,
  },
  '/api/documents/:id/carry-overs': { sql: `SELECT id FROM documents ORDER BY id LIMIT 1` },
  '/api/reorg/tree': {
    sql: `SELECT id AS "rootId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'asOf=2024-12-31&rootId=:rootId',
  },
  '/api/reorg/lineage/:orgId': { sql: `SELECT id AS "orgId" FROM orgs ORDER BY id LIMIT 1` },
  '/api/reorg/operations': { sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`, query: 'orgId=:orgId' },
  '/api/reorg/figures': {
    sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'orgId=:orgId&asOf=2024-12-31&tree=as_of',
  },
  '/api/study/coverage/missing': {
    sql: `SELECT document_id AS "documentId" FROM document_studies ORDER BY document_id LIMIT 1`,
    query: 'documentId=:documentId',
  },
  '/api/registry/members/:id/timeline': { sql: `SELECT member_id AS id FROM membership_events ORDER BY id LIMIT 1` },
  '/api/registry/candidates/:id': { sql: `SELECT id FROM admission_candidates ORDER BY id LIMIT 1` },
  '/api/registry/candidates/:id/introducer-options': { sql: `SELECT id FROM admission_candidates ORDER BY id LIMIT 1` },
  '/api/registry/roster': {
    sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'orgId=:orgId&asOf=2024-12-31',
  },
  '/api/registry/overdue-reviews': {
    sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'orgId=:orgId&asOf=2025-06-30',
  },
  '/api/registry/candidates': { sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`, query: 'orgId=:orgId' },
  '/api/registry/enterprises': { sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`, query: 'orgId=:orgId' },
  '/api/registry/indicators': {
    sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'orgId=:orgId&from=2021-01-01&to=2025-06-30',
  },
  '/api/registry/indicators/drill': {
    sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'orgId=:orgId&from=2021-01-01&to=2025-06-30&indicator=admitted_nse',
  },
  '/api/registry/statistics': {
    sql: `SELECT id AS "orgId" FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
    query: 'orgId=:orgId&from=2025-01-01&to=2025-06-30',
  },
  '/api/documents/:id/consultation': { sql: `SELECT document_id AS id FROM consultation_versions ORDER BY id LIMIT 1` },
  '/api/consultation/versions/:id': { sql: `SELECT id FROM consultation_versions ORDER BY id LIMIT 1` },
  '/api/documents/:id/consultation/comments': { sql: `SELECT document_id AS id FROM consultation_comments ORDER BY id LIMIT 1` },
  '/api/documents/:id/consultation/compare': {
    sql: `SELECT a.document_id AS id, a.id AS "from", b.id AS "to" FROM consultation_versions a
            JOIN consultation_versions b ON b.document_id = a.document_id AND b.version_no = a.version_no + 1 ORDER BY a.id LIMIT 1`,
    query: 'from=:from&to=:to',
  },
  // The group's notes and its people picker answer its members alone: the walking administrator
  // (the newest admin, made by openDemo) joins the demo draft's group as a member first.
  '/api/documents/:id/consultation/notes': { sql: JOIN_DEMO_GROUP },
  '/api/documents/:id/consultation/people': { sql: JOIN_DEMO_GROUP, query: 'q=a' },
};

/**
 * GET routes the demo walk cannot call as the demo's administrator, and why. Their contracts are
 * still checked on every call by the feature's own tests (the serializer refuses a mismatch there).
 */
const NOT_WALKED: Record<string, string> = {
  '/api/public/dashboards/:token': 'needs a share token, printed once when a share is enabled (reports tests)',
  '/api/study/checkin/:token': 'needs a signed QR token (check-in tests)',
  '/api/members/import/:importId/rows': 'needs an uploaded workbook (members tests)',
  '/api/oversight/inspections/:id/self-report-draft': 'answered to the inspected org only (oversight tests)',
  '/api/study/me': 'answers a user linked to a party member; the demo administrator is none (study tests)',
  '/api/registry/me/timeline': 'answers a user linked to a party member; the demo administrator is none (registry tests)',
};

describe('real answers match their contracts (demo data)', () => {
  let demo: Awaited<ReturnType<typeof openDemo>>;
  let routes: RouteEntry[];
  beforeAll(async () => {
    demo = await openDemo();
    routes = demo.routes;
    // The demo's documents have one version each: amend one, so that the diff has two to compare.
    const { rows } = await demo.db.query<{ id: number; version: number }>(
      `SELECT id, version FROM documents WHERE status = 'adopted' ORDER BY id LIMIT 1`,
    );
    const amended = await demo.admin.post(`/api/documents/${rows[0]!.id}/amend`, {
      version: rows[0]!.version,
      reason: 'Bổ sung chỉ tiêu theo kết luận giữa nhiệm kỳ',
    });
    expect(amended.statusCode, amended.body).toBe(201);
  }, 180_000);
  afterAll(async () => demo?.close());

  it('answers every GET route it can call with demo ids, each answer matching its schema', async () => {
    const gets = routes.filter((r) => isApi(r) && methodsOf(r).includes('GET') && !EXEMPT[keyOf('GET', r)]);
    const checked: string[] = [];
    const failures: string[] = [];
    for (const r of gets) {
      const schema = r.schema?.response?.['200'];
      if (isFileResponse(schema) || NOT_WALKED[r.url]) continue;
      const sample = SAMPLES[r.url] ?? {};
      let row: Record<string, unknown> = {};
      if (sample.sql) {
        const { rows } = await demo.db.query(sample.sql);
        if (!rows[0]) {
          failures.push(`${r.url}: the demo holds no row for ${sample.sql}`);
          continue;
        }
        row = rows[0];
      }
      const fill = (s: string) => s.replace(/:(\w+)/g, (_, k: string) => String(row[k] ?? `:${k}`));
      const url = fill(r.url) + (sample.query ? `?${fill(sample.query)}` : '');
      const res = await demo.admin.get(url);
      if (res.statusCode !== 200) {
        failures.push(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      const parsed = (schema as ZodType).safeParse(res.json());
      if (!parsed.success) failures.push(`GET ${url}: ${parsed.error.message.slice(0, 300)}`);
      checked.push(r.url);
    }
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThan(50);
  }, 300_000);
});
