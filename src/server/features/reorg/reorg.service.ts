/**
 * Reorganizing the tree: merge, split, dissolve, rename, move, change kind. A preview lists
 * everything an operation touches and writes nothing; the commit writes all of it in one
 * transaction with `resolute.effective_date` set, so the triggers on orgs and members date the
 * history to the operation's effective day (docs/ARCHITECTURE.md "Time and the tree").
 */
import type pg from 'pg';
import { checkOperation, newParentOf, reorgKindLabels, type ReorgProblem } from '../../../domain/reorg';
import { inTransaction, type Db, type Queryable } from '../../db/pool';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { reparentOrgsTx } from '../orgs';
import { requireReorganize } from './reorg.policy';
import { findCarried, findChildren, findOrgsInScope, latestOperations, type LoadedOrg } from './reorg.queries';
import type { ReorgPreview, ReorgRequest } from '../../../contracts/reorg';

const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
const invalid = (field: string, vi: string, en: string) =>
  new AppError('validation_failed', { vi, en }, { fields: [{ field, message: vi }] });

/** The id 0 in mappings names the new org of a merge. */
const NEW_ORG = 0;
/** Inside the service, the new parts of a split are the ids -1, -2, … (`toNewOrg` 0, 1, …). */
const newPartId = (index: number) => -1 - index;
const isNewPart = (id: number) => id < 0;

/** The request with `toNewOrg` references turned into the service's placeholder ids. */
function withPartIds(req: ReorgRequest): ReorgRequest {
  return {
    ...req,
    mapping: req.mapping.map((m) => ({ fromOrgId: m.fromOrgId, toOrgId: m.toNewOrg === undefined ? m.toOrgId : newPartId(m.toNewOrg) })),
    roleMapping: req.roleMapping.map((r) => ({
      userRoleId: r.userRoleId,
      toOrgId: r.toNewOrg === undefined ? r.toOrgId : newPartId(r.toNewOrg),
    })),
  };
}

type Plan = {
  req: ReorgRequest;
  sources: LoadedOrg[];
  targets: LoadedOrg[];
  newParent: LoadedOrg | null;
  /** A split's new parts go under the split org's parent. */
  partParent: LoadedOrg | null;
  children: (LoadedOrg & { subtreeMembers: number })[];
  /** Where the closing sources' children, members and duties go: the successor (0: the new org). */
  successorId: number | null;
  problems: ReorgProblem[];
};

/** Checks the request's shape for its kind: which ids and fields it must carry. */
function requireShape(req: ReorgRequest) {
  const one = req.targetOrgIds.length === 1;
  switch (req.kind) {
    case 'merge':
      if (one === (req.newOrg !== undefined))
        throw invalid(
          'body.targetOrgIds',
          'Hợp nhất vào đúng một tổ chức: chọn tổ chức có sẵn hoặc khai báo tổ chức mới.',
          'Merge into one existing or one new org.',
        );
      if (req.newOrg === undefined && req.sourceOrgIds.length < 1)
        throw invalid('body.sourceOrgIds', 'Chọn các tổ chức được hợp nhất.', 'Pick the orgs to merge.');
      break;
    case 'split':
      if (req.targetOrgIds.length + (req.newOrgs?.length ?? 0) < 2)
        throw invalid('body.targetOrgIds', 'Chia tách thành ít nhất hai tổ chức.', 'Split into at least two orgs.');
      if (req.sourceOrgIds.length !== 1) throw invalid('body.sourceOrgIds', 'Chia tách từng tổ chức một.', 'Split one org at a time.');
      break;
    case 'dissolve':
      if (!one) throw invalid('body.targetOrgIds', 'Chọn tổ chức nhận các tổ chức trực thuộc.', 'Pick the org that takes the children.');
      break;
    case 'move':
      if (!one || req.sourceOrgIds.length !== 1)
        throw invalid('body.targetOrgIds', 'Chọn một tổ chức và một tổ chức cấp trên mới.', 'Pick one org and its new parent.');
      break;
    case 'rename':
      if (!req.newName || req.sourceOrgIds.length !== 1) throw invalid('body.newName', 'Nhập tên mới của tổ chức.', 'Enter the new name.');
      break;
    case 'change_kind':
      if (!req.newKind || req.sourceOrgIds.length !== 1) throw invalid('body.newKind', 'Chọn loại hình mới.', 'Pick the new kind.');
      break;
  }
}

/**
 * Loads and checks everything the request names: 404 for an org outside the caller's scope,
 * 403 when the caller may read but not reorganize one of them (only an administrator, or a
 * manager whose scope holds every org involved, may), and the domain's problems.
 */
async function plan(db: Queryable, actor: Actor, request: ReorgRequest, forUpdate: boolean): Promise<Plan> {
  requireShape(request);
  if (request.kind !== 'split' && request.newOrgs !== undefined && request.newOrgs.length > 0)
    throw invalid('body.newOrgs', 'Chỉ thao tác chia tách mới lập các tổ chức mới này.', 'Only a split founds these new orgs.');
  const req = withPartIds(request);
  const parts = req.newOrgs ?? [];
  if (req.mapping.some((m) => isNewPart(m.toOrgId) && -1 - m.toOrgId >= parts.length))
    throw invalid(
      'body.mapping',
      'Bảng phân bổ chỉ tới một tổ chức mới không có trong danh sách.',
      'The mapping names a new org not listed.',
    );
  scopeOf(actor, 'reorg.write');
  const readScope = scopeOf(actor, 'orgs.read');
  const ids = [...new Set([...req.sourceOrgIds, ...req.targetOrgIds, ...(req.newOrg?.parentId ? [req.newOrg.parentId] : [])])];
  const found = await findOrgsInScope(db, ids, readScope, forUpdate);
  if (found.length !== ids.length) throw orgNotFound();
  requireReorganize(
    actor,
    found.map((o) => o.path),
  );
  const byId = new Map(found.map((o) => [o.id, o]));
  const sources = req.sourceOrgIds.map((id) => byId.get(id)!);
  const targets = req.targetOrgIds.map((id) => byId.get(id)!);
  const newParent = req.newOrg?.parentId ? byId.get(req.newOrg.parentId)! : null;
  const closing = req.kind === 'merge' || req.kind === 'split' || req.kind === 'dissolve';
  const children = closing ? await findChildren(db, req.sourceOrgIds, req.effectiveDate) : [];
  const successorId =
    req.kind === 'merge'
      ? req.newOrg
        ? NEW_ORG
        : targets[0]!.id
      : req.kind === 'dissolve' || req.kind === 'split'
        ? (targets[0]?.id ?? newPartId(0))
        : null;
  const problems = checkOperation({
    kind: req.kind,
    effectiveDate: req.effectiveDate,
    sources,
    targets,
    children,
    mapping: req.mapping,
    latestOperationOn: await latestOperations(db, ids),
    hasNewTarget: req.newOrg !== undefined,
    newParts: parts,
  });
  if (
    req.newOrg &&
    req.newOrg.parentId !== null &&
    sources.some((s) => newParent!.path === s.path || newParent!.path.startsWith(`${s.path}.`))
  ) {
    problems.push({
      field: 'body.newOrg.parentId',
      vi: 'Tổ chức mới không thể trực thuộc một tổ chức đang được hợp nhất: vòng lặp.',
      en: 'The new org cannot sit under a merged org.',
    });
  }
  if (req.kind === 'merge' && req.newOrg && !newParent && actor.userId !== null && !actor.grants.some((g) => g.role === 'admin')) {
    throw forbidden({ vi: 'Chỉ quản trị viên mới lập được tổ chức cấp cao nhất.', en: 'Only an administrator founds a top-level org.' });
  }
  // Mapped targets (cells and roles) must be the operation's successors, or orgs the caller may reorganize.
  const allowed = new Set([...targets.map((t) => t.id), NEW_ORG, ...parts.map((_, i) => newPartId(i))]);
  const extra = [
    ...new Set(
      [...req.mapping.map((m) => m.toOrgId), ...req.roleMapping.flatMap((r) => (r.toOrgId === null ? [] : [r.toOrgId]))].filter(
        (t) => !allowed.has(t),
      ),
    ),
  ];
  if (extra.length > 0) {
    const more = await findOrgsInScope(db, extra, readScope);
    if (more.length !== extra.length) throw orgNotFound();
    requireReorganize(
      actor,
      more.map((o) => o.path),
    );
    targets.push(...more.filter((m) => !targets.some((t) => t.id === m.id)));
  }
  const childIds = new Set([...children.map((c) => c.id), ...sources.map((s) => s.id)]);
  // A mapped org that is not a child of a source is not the operation's to move.
  if (req.mapping.some((m) => !childIds.has(m.fromOrgId))) throw orgNotFound();
  let partParent: LoadedOrg | null = null;
  if (parts.length > 0) {
    const parentId = sources[0]!.parentId;
    if (parentId === null)
      throw invalid(
        'body.newOrgs',
        'Tổ chức cấp cao nhất không chia tách thành tổ chức mới được.',
        'A top-level org cannot split into new orgs.',
      );
    partParent = (await findOrgsInScope(db, [parentId], readScope))[0] ?? null;
    if (!partParent) throw orgNotFound();
    requireReorganize(actor, [partParent.path]);
    problems.push(...(await partClashes(db, parts, parentId)));
  }
  return { req, sources, targets, newParent, partParent, children, successorId, problems };
}

/** New parts whose code is taken, or whose name an open sibling under the same parent already has. */
async function partClashes(db: Queryable, parts: readonly { code: string; name: string }[], parentId: number): Promise<ReorgProblem[]> {
  const { rows } = await db.query<{ what: 'code' | 'name'; value: string }>(
    `SELECT 'code' AS what, code AS value FROM orgs WHERE upper(code) = ANY($1::text[])
     UNION ALL
     SELECT 'name', name FROM orgs WHERE parent_id = $3 AND valid_to IS NULL AND vn_fold(name) = ANY(SELECT vn_fold(x) FROM unnest($2::text[]) x)`,
    [parts.map((p) => p.code.toUpperCase()), parts.map((p) => p.name), parentId],
  );
  return rows.map((r) =>
    r.what === 'code'
      ? { field: 'body.newOrgs', vi: `Mã ${r.value} đã được dùng cho một tổ chức khác.`, en: `The code ${r.value} is taken.` }
      : { field: 'body.newOrgs', vi: `Đã có tổ chức tên “${r.value}” cùng cấp trên.`, en: `An org named ${r.value} already sits there.` },
  );
}

const nameOf = (p: Plan, id: number | null) =>
  id === null
    ? null
    : id === NEW_ORG
      ? (p.req.newOrg?.name ?? null)
      : isNewPart(id)
        ? (p.req.newOrgs?.[-1 - id]?.name ?? null)
        : (p.targets.find((t) => t.id === id)?.name ?? null);
const ref = (o: LoadedOrg) => ({ id: o.id, name: o.name, code: o.code, kind: o.kind });

/** Where the members held directly by a closing source go; null: nowhere yet (a problem). */
function directTarget(p: Plan, s: LoadedOrg): number | null {
  const mapped = p.req.mapping.find((m) => m.fromOrgId === s.id)?.toOrgId;
  if (mapped !== undefined) return mapped;
  const t = p.targets[0];
  return p.req.kind === 'merge' && t && (t.kind === 'cell' || t.kind === 'grassroots') ? t.id : null;
}

/** Everything the operation would touch; nothing is written. */
export async function previewReorg(db: Db, actor: Actor, request: ReorgRequest): Promise<ReorgPreview> {
  const p = await plan(db, actor, request, false);
  const req = p.req;
  const closing = p.successorId !== null;
  const carried = closing
    ? await findCarried(db, req.sourceOrgIds, req.effectiveDate)
    : { roles: [], tasks: [], openReports: 0, points: [], explanations: [], documents: [] };
  const cells = [
    ...p.children.map((c) => {
      const to =
        req.kind === 'split'
          ? (req.mapping.find((m) => m.fromOrgId === c.id)?.toOrgId ?? null)
          : newParentOf(c.id, req.mapping, p.successorId!);
      return {
        orgId: c.id,
        name: c.name,
        kind: c.kind,
        fromOrgId: c.parentId!,
        members: c.subtreeMembers,
        toOrgId: to,
        toOrgName: nameOf(p, to),
        isDirectMembers: false,
      };
    }),
    ...(closing
      ? p.sources
          .filter((s) => s.memberCount > 0)
          .map((s) => {
            const to = directTarget(p, s);
            return {
              orgId: s.id,
              name: s.name,
              kind: s.kind,
              fromOrgId: s.id,
              members: s.memberCount,
              toOrgId: to,
              toOrgName: nameOf(p, to),
              isDirectMembers: true,
            };
          })
      : []),
  ];
  const roleTo = new Map(req.roleMapping.map((r) => [r.userRoleId, r.toOrgId]));
  const succName = nameOf(p, p.successorId) ?? '';
  const sourceIds = new Set(req.sourceOrgIds);
  return {
    kind: req.kind,
    effectiveDate: req.effectiveDate,
    decision: req.decision,
    sources: p.sources.map(ref),
    targets: p.targets.map(ref),
    problems: p.problems,
    cells,
    membersMoving: cells.reduce((s, c) => s + c.members, 0),
    roles: carried.roles.map((r) => ({
      ...r,
      toOrgId: roleTo.get(r.userRoleId) ?? null,
      toOrgName: nameOf(p, roleTo.get(r.userRoleId) ?? null),
    })),
    tasks: carried.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      change: sourceIds.has(t.leadOrgId) ? ('lead' as const) : ('partner' as const),
      fromOrgName: t.leadOrgName,
      toOrgName: succName,
    })),
    reports: { open: carried.openReports, moving: carried.openReports, staying: 0 },
    bridgePoints: carried.points,
    explanations: carried.explanations,
    documents: carried.documents,
  };
}

function refuse(problems: ReorgProblem[]): never {
  throw new AppError(
    'validation_failed',
    { vi: problems.map((p) => p.vi).join(' '), en: problems.map((p) => p.en).join(' ') },
    {
      fields: problems.map((p) => ({ field: p.field, message: p.vi })),
    },
  );
}

/** Commits the operation: all of it in one transaction, dated, audited; returns the operation. */
export async function commitReorg(db: Db, actor: Actor, req: ReorgRequest) {
  return inTransaction(db, (tx) => commitReorgTx(tx, actor, req));
}

/**
 * The commit inside the caller's transaction (the demo records its operations within its own).
 * Leaves `resolute.effective_date` set for the rest of the transaction.
 */
export async function commitReorgTx(tx: pg.PoolClient, actor: Actor, request: ReorgRequest) {
  // Two operations on the same orgs wait for each other here (locks in id order).
  const p = await plan(tx, actor, request, true);
  const req = p.req;
  if (p.problems.length > 0) refuse(p.problems);
  await tx.query(`SELECT set_config('resolute.effective_date', $1, true)`, [req.effectiveDate]);
  const changes: Record<string, unknown> = {};
  let successorId = p.successorId;
  if (req.newOrg) {
    successorId = await foundOrg(tx, req.newOrg, p.newParent, req, 'body.newOrg.code');
    changes.newOrgId = successorId;
  }
  // A split's new parts sit under the split org's parent.
  const partIds: number[] = [];
  for (const [i, part] of (req.newOrgs ?? []).entries())
    partIds.push(await foundOrg(tx, part, p.partParent, req, `body.newOrgs.${i}.code`));
  if (partIds.length > 0) changes.newOrgIds = partIds;
  const resolve = (id: number) => (id === NEW_ORG ? successorId! : isNewPart(id) ? partIds[-1 - id]! : id);
  if (successorId !== null) successorId = resolve(successorId);
  const day = req.effectiveDate;
  const ids = req.sourceOrgIds;
  if (req.kind === 'merge' || req.kind === 'split' || req.kind === 'dissolve') {
    const succ = successorId!;
    const moves = p.children.map((c) => ({
      orgId: c.id,
      newParentId: resolve(
        req.kind === 'split' ? req.mapping.find((m) => m.fromOrgId === c.id)!.toOrgId : newParentOf(c.id, req.mapping, succ),
      ),
    }));
    await reparentOrgsTx(tx, moves);
    changes.children = p.children.map((c) => ({ orgId: c.id, fromParentId: c.parentId }));
    const direct = p.sources.filter((s) => s.memberCount > 0).map((s) => ({ from: s.id, to: resolve(directTarget(p, s)!) }));
    if (direct.length > 0) {
      // The moved members' ids are kept so that an undo moves exactly them back.
      const { rows: moved } = await tx.query<{ from: number; ids: number[] }>(
        `WITH u AS (UPDATE members m SET org_id = x.t, version = m.version + 1, updated_at = now()
                      FROM unnest($1::bigint[], $2::bigint[]) x(f, t) WHERE m.org_id = x.f RETURNING m.id, x.f)
         SELECT f::int AS "from", array_agg(id ORDER BY id)::int[] AS ids FROM u GROUP BY f`,
        [direct.map((d) => d.from), direct.map((d) => d.to)],
      );
      changes.movedMembers = direct.map((d) => ({ ...d, ids: moved.find((m) => m.from === d.from)?.ids ?? [] }));
    }
    changes.directMembers = direct;
    changes.sourceParents = p.sources.map((s) => ({ orgId: s.id, parentId: s.parentId }));
    const tasks = await carryTasks(tx, ids, succ);
    changes.tasks = tasks.map((t) => t.id);
    changes.taskUnits = tasks;
    const { rows: reports } = await tx.query<{ id: number; orgId: number }>(
      `UPDATE reports r SET org_id = $2, version = r.version + 1, updated_at = now() FROM reports b
        WHERE b.id = r.id AND r.org_id = ANY($1::bigint[]) AND r.status IN ('draft','returned') AND r.period_end >= $3::date
          AND NOT EXISTS (SELECT 1 FROM reports x WHERE x.schedule_id = r.schedule_id AND x.period_key = r.period_key
                            AND (x.org_id = $2 OR (x.org_id = ANY($1::bigint[]) AND x.id < r.id AND x.status IN ('draft','returned') AND x.period_end >= $3::date)))
       RETURNING r.id::int, b.org_id::int AS "orgId"`,
      [ids, succ, day],
    );
    changes.reports = reports.map((r) => r.id);
    changes.reportOrgs = reports;
    const { rows: ex } = await tx.query<{ id: number; orgId: number }>(
      `UPDATE explanation_requests e SET org_id = $2, version = e.version + 1, updated_at = now() FROM explanation_requests b
        WHERE b.id = e.id AND e.org_id = ANY($1::bigint[]) AND e.status = 'open' RETURNING e.id::int, b.org_id::int AS "orgId"`,
      [ids, succ],
    );
    changes.explanations = ex.map((e) => e.id);
    changes.explanationOrgs = ex;
    const { rows: points } = await tx.query<{ id: number; orgId: number }>(
      `UPDATE bridge_points p SET org_id = $2, version = p.version + 1, updated_at = now()
        FROM study_sessions s, bridge_points b WHERE b.id = p.id AND s.id = p.session_id AND p.org_id = ANY($1::bigint[]) AND s.ends_at >= $3::date
          AND NOT EXISTS (SELECT 1 FROM bridge_points x WHERE x.session_id = p.session_id
                            AND (x.org_id = $2 OR (x.org_id = ANY($1::bigint[]) AND x.id < p.id)))
       RETURNING p.id::int, b.org_id::int AS "orgId"`,
      [ids, succ, day],
    );
    changes.bridgePoints = points.map((x) => x.id);
    changes.bridgePointOrgs = points;
    changes.roles = await carryRoles(
      tx,
      ids,
      req.roleMapping.map((r) => ({ ...r, toOrgId: r.toOrgId === null ? null : resolve(r.toOrgId) })),
    );
    // A merged org is kept, closed, under its successor: its documents and the figures of its
    // term stay readable by the successor's office.
    if (req.kind === 'merge')
      await reparentOrgsTx(
        tx,
        p.sources.map((s) => ({ orgId: s.id, newParentId: succ })),
      );
    await tx.query('UPDATE orgs SET valid_to = $2, version = version + 1, updated_at = now() WHERE id = ANY($1::bigint[])', [ids, day]);
    changes.closed = ids;
  } else if (req.kind === 'move') {
    await reparentOrgsTx(tx, [{ orgId: ids[0]!, newParentId: p.targets[0]!.id }]);
    changes.fromParentId = p.sources[0]!.parentId;
  } else if (req.kind === 'rename') {
    await tx.query('UPDATE orgs SET name = $2, version = version + 1, updated_at = now() WHERE id = $1', [
      ids[0],
      req.newName!.normalize('NFC'),
    ]);
    changes.oldName = p.sources[0]!.name;
  } else {
    await tx.query('UPDATE orgs SET kind = $2, version = version + 1, updated_at = now() WHERE id = $1', [ids[0], req.newKind]);
    changes.oldKind = p.sources[0]!.kind;
  }
  const summary = summarize(p, req);
  const { rows: op } = await tx.query<{ id: number; createdAt: string }>(
    `INSERT INTO reorg_operations (kind, effective_date, decision, summary, request, changes, is_sample, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::int, created_at AS "createdAt"`,
    [
      req.kind,
      day,
      req.decision.normalize('NFC'),
      summary,
      JSON.stringify(req),
      JSON.stringify(changes),
      req.isSample ?? false,
      actor.userId,
    ],
  );
  const opId = op[0]!.id;
  const edges = lineageEdges(p, req, successorId, partIds);
  await tx.query(
    `INSERT INTO org_lineage (operation_id, from_org_id, to_org_id, kind, effective_date, note)
     SELECT $1, x.f, x.t, x.k, $2, x.n FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[]) x(f, t, k, n)`,
    [opId, day, edges.map((e) => e.from), edges.map((e) => e.to), edges.map((e) => e.kind), edges.map((e) => e.note)],
  );
  const anchor = successorId ?? ids[0]!;
  const { rows: path } = await tx.query<{ path: string }>('SELECT path::text FROM orgs WHERE id = $1', [anchor]);
  await recordAudit(tx, actor, {
    action: req.kind,
    entity: 'reorg_operation',
    entityId: opId,
    orgId: anchor,
    orgPath: path[0]?.path ?? null,
    summary,
    before: { sources: p.sources.map(ref) },
    after: { decision: req.decision, effectiveDate: day, ...changes },
  });
  return {
    id: opId,
    kind: req.kind,
    effectiveDate: day,
    decision: req.decision,
    summary,
    status: 'committed' as const,
    successorOrgId: successorId,
    createdAt: new Date(op[0]!.createdAt).toISOString(),
  };
}

async function foundOrg(
  tx: pg.PoolClient,
  n: { code: string; name: string; kind: string },
  parent: { id: number; path: string } | null,
  req: ReorgRequest,
  field: string,
): Promise<number> {
  const { rows: dup } = await tx.query('SELECT 1 FROM orgs WHERE upper(code) = upper($1)', [n.code]);
  if (dup.length > 0) throw invalid(field, `Mã ${n.code} đã được dùng.`, 'The code is taken.');
  const { rows } = await tx.query<{ id: number }>(
    `WITH i AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id')) AS id)
     INSERT INTO orgs (id, path, parent_id, code, name, kind, valid_from, is_sample) OVERRIDING SYSTEM VALUE
     SELECT i.id, (CASE WHEN $1::text IS NULL THEN i.id::text ELSE $1 || '.' || i.id END)::ltree, $2, $3, $4, $5, $6, $7 FROM i RETURNING id::int`,
    [parent?.path ?? null, parent?.id ?? null, n.code, n.name.normalize('NFC'), n.kind, req.effectiveDate, req.isSample ?? false],
  );
  return rows[0]!.id;
}

/** Open tasks led by or partnered with a closing org go to its successor. */
async function carryTasks(tx: Queryable, sourceIds: readonly number[], successorId: number) {
  // Joined to itself (b) to return each task's units as they were, for the undo.
  const { rows } = await tx.query<{ id: number; leadOrgId: number; partnerOrgIds: number[] }>(
    `UPDATE tasks t SET lead_org_id = CASE WHEN t.lead_org_id = ANY($1::bigint[]) THEN $2 ELSE t.lead_org_id END,
            partner_org_ids = ARRAY(SELECT DISTINCT CASE WHEN p = ANY($1::bigint[]) THEN $2 ELSE p END FROM unnest(t.partner_org_ids) p
                                     WHERE (CASE WHEN p = ANY($1::bigint[]) THEN $2 ELSE p END) <> (CASE WHEN t.lead_org_id = ANY($1::bigint[]) THEN $2 ELSE t.lead_org_id END)),
            version = t.version + 1, updated_at = now()
       FROM tasks b
      WHERE b.id = t.id AND (t.lead_org_id = ANY($1::bigint[]) OR t.partner_org_ids && $1::bigint[]) AND t.status NOT IN ('done','cancelled')
        AND NOT (t.item_id IS NOT NULL AND t.lead_org_id = ANY($1::bigint[])
                 AND (EXISTS (SELECT 1 FROM tasks x WHERE x.item_id = t.item_id AND x.lead_org_id = $2)
                      -- Two merged orgs leading the same item: the successor takes the first one's task;
                      -- the other stays, with its history, on its closed org (one lead per item).
                      OR EXISTS (SELECT 1 FROM tasks x WHERE x.item_id = t.item_id AND x.lead_org_id = ANY($1::bigint[])
                                   AND x.id < t.id AND x.status NOT IN ('done','cancelled'))))
      RETURNING t.id::int, b.lead_org_id::int AS "leadOrgId", b.partner_org_ids::int[] AS "partnerOrgIds"`,
    [sourceIds, successorId],
  );
  return rows;
}

/** Roles on closing orgs follow the mapping, or end: the preview says which. */
async function carryRoles(tx: Queryable, sourceIds: readonly number[], mapping: { userRoleId: number; toOrgId: number | null }[]) {
  const keep = mapping.filter((m) => m.toOrgId !== null);
  let added: number[] = [];
  if (keep.length > 0) {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO user_roles (user_id, org_id, role)
       SELECT r.user_id, x.t, r.role FROM user_roles r JOIN unnest($1::bigint[], $2::bigint[]) x(id, t) ON x.id = r.id
        WHERE r.org_id = ANY($3::bigint[]) ON CONFLICT DO NOTHING RETURNING id::int`,
      [keep.map((k) => k.userRoleId), keep.map((k) => k.toOrgId), sourceIds],
    );
    added = rows.map((r) => r.id);
  }
  const { rows } = await tx.query<{ id: number; userId: number; orgId: number; role: string }>(
    `DELETE FROM user_roles WHERE org_id = ANY($1::bigint[]) RETURNING id::int, user_id::int AS "userId", org_id::int AS "orgId", role`,
    [sourceIds],
  );
  return { ended: rows, followed: keep, added };
}

function lineageEdges(p: Plan, req: ReorgRequest, successorId: number | null, partIds: readonly number[]) {
  const edges: { from: number; to: number; kind: string; note: string | null }[] = [];
  for (const s of p.sources) {
    switch (req.kind) {
      case 'merge':
        edges.push({ from: s.id, to: successorId!, kind: 'merged_into', note: null });
        break;
      case 'split':
        for (const t of [...p.targets.map((x) => x.id), ...partIds]) edges.push({ from: s.id, to: t, kind: 'split_from', note: null });
        break;
      case 'dissolve':
        edges.push({ from: s.id, to: successorId!, kind: 'dissolved', note: null });
        break;
      case 'move':
        edges.push({ from: s.id, to: p.targets[0]!.id, kind: 'moved', note: s.parentId === null ? null : String(s.parentId) });
        break;
      case 'rename':
        edges.push({ from: s.id, to: s.id, kind: 'renamed', note: s.name });
        break;
      case 'change_kind':
        edges.push({ from: s.id, to: s.id, kind: 'kind_changed', note: s.kind });
        break;
    }
  }
  return edges;
}

function summarize(p: Plan, req: ReorgRequest): string {
  const names = p.sources.map((s) => s.name).join(', ');
  const label = reorgKindLabels[req.kind].vi;
  const into =
    req.kind === 'split'
      ? ` thành ${[...p.targets.map((t) => t.name), ...(req.newOrgs ?? []).map((n) => n.name)].join(', ')}`
      : req.kind === 'rename'
        ? ` thành ${req.newName}`
        : req.kind === 'change_kind'
          ? ` sang loại ${req.newKind}`
          : nameOf(p, p.successorId ?? p.targets[0]?.id ?? null)
            ? ` vào ${nameOf(p, p.successorId ?? p.targets[0]!.id)}`
            : '';
  return `${label}: ${names}${into}, hiệu lực từ ${req.effectiveDate.split('-').reverse().join('/')} (${req.decision})`;
}
