import { acceptAttachment, checkOrgQuota } from '../../lib/attachments';
import type { UploadedFile } from '../../lib/upload';
import { vnToday } from '../../../domain/vn-time';
import type pg from 'pg';
import type { Db, Queryable } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import {
  buildItemTree,
  diffVersions,
  flattenTree,
  formatDocumentSymbol,
  issuerAbbreviation,
  type DocumentKind,
} from '../../../domain/documents';
import { buildTargetSpec, formatTargetSpec } from '../../../domain/targets';
import type { OrgKind } from '../../../domain/orgs/org-kinds';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, badRequest, notFound, versionConflict } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import type { CreateDocumentInput, ListDocumentsQuery, UpdateDocumentInput } from '../../../contracts/documents';
import {
  documentColumns,
  findDocumentReadable,
  findItems,
  latestDocSql,
  readableDocSql,
  type DocumentRow,
  type ItemRow,
} from './documents.queries';
import { documentAbilities, requireDocumentWrite, requireDraft } from './documents.policy';

export const documentNotFound = () => notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });

export function presentDocument(actor: Actor, row: DocumentRow) {
  return { ...row, abilities: documentAbilities(actor, row) };
}

/** The statement of a target item as Vietnamese text ("8,5–8,7%/năm"); null for other items. */
export function statementOf(item: Pick<ItemRow, 'comparator' | 'value' | 'valueMin' | 'valueMax' | 'unit' | 'perYear'>): string | null {
  if (!item.comparator) return null;
  try {
    return formatTargetSpec(
      buildTargetSpec({
        comparator: item.comparator,
        value: item.value,
        valueMin: item.valueMin,
        valueMax: item.valueMax,
        unit: item.unit ?? '',
        perYear: item.perYear,
      }),
      { style: 'words' },
    );
  } catch {
    return null;
  }
}

/** Documents in the caller's read scope (and above it), newest first. */
export async function findDocuments(db: Db, actor: Actor, q: ListDocumentsQuery) {
  const scope = scopeOf(actor, 'documents.read');
  const params: unknown[] = [scope];
  const where: string[] = [readableDocSql('path_of(d.org_id)', '$1')];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.orgId !== undefined) {
    if (q.subtree) add(`path_of(d.org_id) <@ (SELECT path FROM orgs WHERE id = ?)`, q.orgId);
    else add('d.org_id = ?', q.orgId);
  }
  if (q.kind) add('d.kind = ?', q.kind);
  if (q.status) add('d.status = ?', q.status);
  if (q.term) add('d.term = ?', q.term);
  if (q.implementsId !== undefined)
    add(
      'EXISTS (SELECT 1 FROM document_implements di WHERE di.document_id = d.id AND di.implements_series_id = (SELECT series_id FROM documents WHERE id = ?))',
      q.implementsId,
    );
  if (q.latest !== false) where.push(latestDocSql('d'));
  const whereSql = where.join(' AND ');
  const { rows: countRows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents d WHERE ${whereSql}`, params);
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM documents d JOIN orgs o ON o.id = d.org_id WHERE ${whereSql}
      ORDER BY nlevel(o.path), d.issue_date DESC NULLS FIRST, d.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: rows.map((r) => presentDocument(actor, r)), total: countRows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function implementsOf(db: Queryable, documentId: number, scope: string[] | null) {
  const { rows } = await db.query<{
    id: number;
    seriesId: number;
    symbol: string;
    title: string;
    orgName: string;
    kind: string;
    isReadable: boolean;
  }>(
    `SELECT l.id, di.implements_series_id AS "seriesId", l.symbol, l.title, o.name AS "orgName", l.kind,
            ${readableDocSql('o.path', '$2')} AS "isReadable"
       FROM document_implements di
       JOIN LATERAL (SELECT * FROM documents x WHERE x.series_id = di.implements_series_id AND ${latestDocSql('x')} ORDER BY x.version_no DESC LIMIT 1) l ON true
       JOIN orgs o ON o.id = l.org_id
      WHERE di.document_id = $1 ORDER BY l.id`,
    [documentId, scope],
  );
  return rows.filter((r) => r.isReadable).map(({ isReadable: _r, ...r }) => r);
}

/** One document with its items in reading order, the links of each item and its files. */
export async function getDocument(db: Db, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'documents.read');
  const doc = await findDocumentReadable(db, id, scope);
  if (!doc) throw documentNotFound();
  const [items, implementsDocs, links, childCounts, files, taskCounts, indicators] = await Promise.all([
    findItems(db, id),
    implementsOf(db, id, scope),
    db.query<{ childItemId: number; parentItemId: number; documentId: number; symbol: string; orgName: string; text: string }>(
      `SELECT l.child_item_id AS "childItemId", l.parent_item_id AS "parentItemId", p.document_id AS "documentId", pd.symbol, o.name AS "orgName", p.text
         FROM item_links l JOIN document_items c ON c.id = l.child_item_id
         JOIN document_items p ON p.id = l.parent_item_id JOIN documents pd ON pd.id = p.document_id JOIN orgs o ON o.id = pd.org_id
        WHERE c.document_id = $1 AND ${readableDocSql('o.path', '$2')}`,
      [id, scope],
    ),
    db.query<{ parentItemId: number; n: number }>(
      `SELECT l.parent_item_id AS "parentItemId", count(*)::int AS n
         FROM item_links l JOIN document_items p ON p.id = l.parent_item_id
         JOIN document_items c ON c.id = l.child_item_id JOIN documents cd ON cd.id = c.document_id
        WHERE p.document_id = $1 AND ${latestDocSql('cd')} GROUP BY 1`,
      [id],
    ),
    db.query(
      `SELECT id, file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", created_at AS "createdAt" FROM document_files WHERE document_id = $1 ORDER BY id`,
      [id],
    ),
    db.query<{ itemId: number; n: number }>(
      `SELECT t.item_id AS "itemId", count(*)::int AS n FROM tasks t JOIN document_items i ON i.id = t.item_id WHERE i.document_id = $1 GROUP BY 1`,
      [id],
    ),
    db.query<{ id: number; name: string }>(
      `SELECT DISTINCT ind.id, ind.name FROM indicators ind JOIN document_items i ON i.indicator_id = ind.id WHERE i.document_id = $1`,
      [id],
    ),
  ]);
  const parentLinks = new Map<number, typeof links.rows>();
  for (const l of links.rows) parentLinks.set(l.childItemId, [...(parentLinks.get(l.childItemId) ?? []), l]);
  const childCount = new Map(childCounts.rows.map((r) => [r.parentItemId, r.n]));
  const taskCount = new Map(taskCounts.rows.map((r) => [r.itemId, r.n]));
  const indicatorName = new Map(indicators.rows.map((r) => [r.id, r.name]));
  const ordered = flattenTree(buildItemTree(items));
  return {
    ...presentDocument(actor, doc),
    implements: implementsDocs,
    files: files.rows,
    items: ordered.map(({ children: _c, ...n }) => ({
      ...n,
      statement: statementOf(n),
      indicatorName: n.indicatorId === null ? null : (indicatorName.get(n.indicatorId) ?? null),
      parentLinks: (parentLinks.get(n.id) ?? []).map(({ childItemId: _x, ...p }) => p),
      childLinkCount: childCount.get(n.id) ?? 0,
      taskCount: taskCount.get(n.id) ?? 0,
    })),
  };
}

/** Resolves documents by id (any version) to their series, checking that each is readable. */
async function seriesOf(tx: Queryable, ids: readonly number[], scope: string[] | null): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ id: number; seriesId: number }>(
    `SELECT d.id, d.series_id AS "seriesId" FROM documents d JOIN orgs o ON o.id = d.org_id WHERE d.id = ANY($1::bigint[]) AND ${readableDocSql('o.path', '$2')}`,
    [ids, scope],
  );
  const missing = ids.filter((i) => !rows.some((r) => r.id === i));
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      { vi: `Không tìm thấy văn bản được thực hiện: ${missing.join(', ')}.`, en: 'Unknown implemented document.' },
      {
        fields: [{ field: 'body.implementsIds', message: 'Không tìm thấy văn bản được thực hiện.' }],
      },
    );
  }
  return [...new Set(rows.map((r) => r.seriesId))];
}

/** Takes the next number of the org's counter for the kind and term (or records a given one). */
async function takeNumber(tx: pg.PoolClient, orgId: number, kind: DocumentKind, term: string, given: number | undefined): Promise<number> {
  if (given !== undefined) {
    await tx.query(
      `INSERT INTO document_counters (org_id, kind, term, last_no) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, kind, term) DO UPDATE SET last_no = greatest(document_counters.last_no, EXCLUDED.last_no)`,
      [orgId, kind, term, given],
    );
    return given;
  }
  const { rows } = await tx.query<{ last_no: number }>(
    `INSERT INTO document_counters (org_id, kind, term, last_no) VALUES ($1, $2, $3, 1)
     ON CONFLICT (org_id, kind, term) DO UPDATE SET last_no = document_counters.last_no + 1 RETURNING last_no`,
    [orgId, kind, term],
  );
  return rows[0]!.last_no;
}

export async function createDocument(db: Db, actor: Actor, input: CreateDocumentInput, opts: { isSample?: boolean } = {}) {
  const id = await inTransaction(db, async (tx) => createDocumentTx(tx, actor, input, opts));
  return getDocument(db, actor, id);
}

/** Creates a document in an open transaction; returns its id. Used by the demo too. */
export async function createDocumentTx(
  tx: pg.PoolClient,
  actor: Actor,
  input: CreateDocumentInput,
  opts: { isSample?: boolean } = {},
): Promise<number> {
  const readScope = scopeOf(actor, 'documents.read');
  const org = await findOrgInScope(tx, input.orgId, readScope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức ban hành.', en: 'Issuing organization not found.' });
  requireDocumentWrite(actor, { orgPath: org.path });
  const series = await seriesOf(tx, input.implementsIds, readScope);
  const number = await takeNumber(tx, org.id, input.kind, input.term, input.number);
  const symbol = formatDocumentSymbol(number, input.kind, issuerAbbreviation(org.kind as OrgKind, org.name));
  const { rows } = await tx.query<{ id: number }>(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id)
     INSERT INTO documents (id, org_id, kind, term, number, symbol, issue_date, title, summary, series_id, is_sample)
     OVERRIDING SYSTEM VALUE
     SELECT n.id, $1, $2, $3, $4, $5, $6, $7, $8, n.id, $9 FROM n RETURNING id`,
    [
      org.id,
      input.kind,
      input.term,
      number,
      symbol,
      input.issueDate ?? null,
      input.title.normalize('NFC'),
      input.summary?.normalize('NFC') ?? null,
      opts.isSample ?? false,
    ],
  );
  const id = rows[0]!.id;
  if (series.length > 0) {
    await tx.query('INSERT INTO document_implements (document_id, implements_series_id) SELECT $1, unnest($2::bigint[])', [id, series]);
  }
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'document',
    entityId: id,
    orgId: org.id,
    orgPath: org.path,
    summary: `Tạo văn bản ${symbol} ${input.title}`,
    after: { ...input, symbol },
  });
  return id;
}

async function lockDocument(tx: pg.PoolClient, actor: Actor, id: number): Promise<DocumentRow> {
  const doc = await findDocumentReadable(tx, id, scopeOf(actor, 'documents.read'));
  if (!doc) throw documentNotFound();
  requireDocumentWrite(actor, doc);
  await tx.query('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [id]);
  return doc;
}

export async function updateDocument(db: Db, actor: Actor, id: number, input: UpdateDocumentInput) {
  await inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, actor, id);
    requireDraft(doc);
    const { rowCount } = await tx.query(
      `UPDATE documents SET title = COALESCE($3, title),
              summary = CASE WHEN $4::boolean THEN $5 ELSE summary END,
              issue_date = CASE WHEN $6::boolean THEN $7::date ELSE issue_date END,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        id,
        input.version,
        input.title?.normalize('NFC') ?? null,
        input.summary !== undefined,
        input.summary ?? null,
        input.issueDate !== undefined,
        input.issueDate ?? null,
      ],
    );
    if (rowCount === 0) throw versionConflict();
    if (input.implementsIds) {
      const series = await seriesOf(tx, input.implementsIds, scopeOf(actor, 'documents.read'));
      if (series.includes(doc.seriesId))
        throw badRequest(
          { vi: 'Văn bản không thể thực hiện chính nó.', en: 'A document cannot implement itself.' },
          { fields: [{ field: 'body.implementsIds', message: 'Văn bản không thể thực hiện chính nó.' }] },
        );
      await tx.query('DELETE FROM document_implements WHERE document_id = $1', [id]);
      await tx.query('INSERT INTO document_implements (document_id, implements_series_id) SELECT $1, unnest($2::bigint[])', [id, series]);
    }
    const { version: _v, ...after } = input;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'document',
      entityId: id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Sửa văn bản ${doc.symbol}`,
      before: { title: doc.title, summary: doc.summary, issueDate: doc.issueDate },
      after,
    });
  });
  return getDocument(db, actor, id);
}

export async function deleteDocument(db: Db, actor: Actor, id: number, version: number) {
  await inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, actor, id);
    requireDraft(doc);
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM document_implements WHERE implements_series_id = $1', [
      doc.seriesId,
    ]);
    if (doc.previousVersionId === null && (rows[0]?.n ?? 0) > 0) {
      throw new AppError('conflict', {
        vi: 'Không thể xóa: đã có văn bản cấp dưới thực hiện văn bản này.',
        en: 'Lower documents implement this one.',
      });
    }
    const { rowCount } = await tx.query('DELETE FROM documents WHERE id = $1 AND version = $2', [id, version]);
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'document',
      entityId: id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Xóa dự thảo ${doc.symbol}`,
      before: doc,
    });
  });
}

/** Adopts a draft: it becomes read-only; an adopted amendment supersedes the version it amends. */
export async function adoptDocument(db: Db, actor: Actor, id: number, version: number, issueDate?: string) {
  await inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, actor, id);
    requireDraft(doc);
    const { rowCount } = await tx.query(
      // Without a date it is issued today in Vietnam: at 02:15 on 02/12 there the database's
      // current_date (UTC) is still 01/12.
      `UPDATE documents SET status = 'adopted', issue_date = COALESCE($3::date, issue_date, $4::date), version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
      [id, version, issueDate ?? null, vnToday()],
    );
    if (rowCount === 0) throw versionConflict();
    if (doc.previousVersionId !== null) {
      await tx.query(`UPDATE documents SET status = 'amended', version = version + 1, updated_at = now() WHERE id = $1`, [
        doc.previousVersionId,
      ]);
    }
    await recordAudit(tx, actor, {
      action: 'adopt',
      entity: 'document',
      entityId: id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Ban hành ${doc.symbol}`,
      before: { status: 'draft' },
      after: { status: 'adopted' },
    });
  });
  return getDocument(db, actor, id);
}

export async function expireDocument(db: Db, actor: Actor, id: number, version: number) {
  await inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, actor, id);
    if (doc.status !== 'adopted')
      throw new AppError('conflict', { vi: 'Chỉ văn bản đã ban hành mới hết hiệu lực được.', en: 'Only an adopted document can expire.' });
    const { rowCount } = await tx.query(
      `UPDATE documents SET status = 'expired', version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
      [id, version],
    );
    if (rowCount === 0) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'expire',
      entity: 'document',
      entityId: id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Hết hiệu lực ${doc.symbol}`,
      before: { status: 'adopted' },
      after: { status: 'expired' },
    });
  });
  return getDocument(db, actor, id);
}

/**
 * Amends ("bổ sung, điều chỉnh") an adopted document: a new draft version with the same number,
 * a copy of every item under the same stable keys, and the cascade links of the old items
 * copied to the new ones, so that both versions stay whole. Adopting the draft supersedes the old one.
 */
export async function amendDocument(db: Db, actor: Actor, id: number, version: number, reason: string) {
  const newId = await inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, actor, id);
    if (doc.status !== 'adopted') {
      throw new AppError('conflict', {
        vi: 'Chỉ bổ sung, điều chỉnh được văn bản đã ban hành (dự thảo thì sửa trực tiếp).',
        en: 'Only an adopted document can be amended.',
      });
    }
    if (doc.version !== version) throw versionConflict();
    const { rows: pending } = await tx.query('SELECT id FROM documents WHERE previous_version_id = $1', [id]);
    if (pending.length > 0)
      throw new AppError(
        'conflict',
        { vi: 'Văn bản này đang có một dự thảo bổ sung, điều chỉnh.', en: 'An amendment draft already exists.' },
        { draftId: (pending[0] as { id: number }).id },
      );
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO documents (org_id, kind, term, number, symbol, issue_date, title, summary, status, series_id, version_no, previous_version_id, amend_reason, is_sample)
       SELECT org_id, kind, term, number, symbol, NULL, title, summary, 'draft', series_id, version_no + 1, id, $2, is_sample FROM documents WHERE id = $1
       RETURNING id`,
      [id, reason.normalize('NFC')],
    );
    const nid = rows[0]!.id;
    await tx.query(
      'INSERT INTO document_implements (document_id, implements_series_id) SELECT $2, implements_series_id FROM document_implements WHERE document_id = $1',
      [id, nid],
    );
    await copyItems(tx, id, nid);
    await tx.query('UPDATE documents SET version = version + 1 WHERE id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'amend',
      entity: 'document',
      entityId: nid,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Bổ sung, điều chỉnh ${doc.symbol}: ${reason}`,
      before: { id, versionNo: doc.versionNo },
      after: { id: nid, versionNo: doc.versionNo + 1, reason },
    });
    return nid;
  });
  return getDocument(db, actor, newId);
}

async function copyItems(tx: pg.PoolClient, fromDoc: number, toDoc: number) {
  // Insert all items, then wire parents through the stable keys, then copy links both ways.
  await tx.query(
    `INSERT INTO document_items (document_id, stable_key, kind, position, text, indicator_id, comparator, value, value_min, value_max, unit, per_year, by_year, baseline_value, baseline_year, yearly_path, milestone_year)
     SELECT $2, stable_key, kind, position, text, indicator_id, comparator, value, value_min, value_max, unit, per_year, by_year, baseline_value, baseline_year, yearly_path, milestone_year
       FROM document_items WHERE document_id = $1`,
    [fromDoc, toDoc],
  );
  await tx.query(
    `UPDATE document_items n SET parent_item_id = np.id
       FROM document_items o JOIN document_items op ON op.id = o.parent_item_id
       JOIN document_items np ON np.document_id = $2 AND np.stable_key = op.stable_key
      WHERE o.document_id = $1 AND n.document_id = $2 AND n.stable_key = o.stable_key`,
    [fromDoc, toDoc],
  );
  await tx.query(
    `INSERT INTO item_links (child_item_id, parent_item_id, created_by)
     SELECT n.id, l.parent_item_id, l.created_by FROM item_links l JOIN document_items o ON o.id = l.child_item_id
       JOIN document_items n ON n.document_id = $2 AND n.stable_key = o.stable_key WHERE o.document_id = $1
     UNION
     SELECT l.child_item_id, n.id, l.created_by FROM item_links l JOIN document_items o ON o.id = l.parent_item_id
       JOIN document_items n ON n.document_id = $2 AND n.stable_key = o.stable_key WHERE o.document_id = $1
     ON CONFLICT DO NOTHING`,
    [fromDoc, toDoc],
  );
}

/** Every version of the document's series, newest first. */
export async function findVersions(db: Db, actor: Actor, id: number) {
  const scope = scopeOf(actor, 'documents.read');
  const doc = await findDocumentReadable(db, id, scope);
  if (!doc) throw documentNotFound();
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM documents d JOIN orgs o ON o.id = d.org_id WHERE d.series_id = $1 ORDER BY d.version_no DESC`,
    [doc.seriesId],
  );
  return rows.map((r) => presentDocument(actor, r));
}

/** What changed item by item from `fromId` (default: the previous version) to `id`. */
export async function diffDocument(db: Db, actor: Actor, id: number, fromId?: number) {
  const scope = scopeOf(actor, 'documents.read');
  const doc = await findDocumentReadable(db, id, scope);
  if (!doc) throw documentNotFound();
  const otherId = fromId ?? doc.previousVersionId;
  if (otherId === null) return { fromId: null, toId: id, changes: [] };
  const other = await findDocumentReadable(db, otherId, scope);
  if (!other || other.seriesId !== doc.seriesId) throw documentNotFound();
  const toVersioned = (items: ItemRow[]) => {
    const keyOf = new Map(items.map((i) => [i.id, i.stableKey]));
    return items.map((i) => ({
      stableKey: i.stableKey,
      parentKey: i.parentItemId === null ? null : (keyOf.get(i.parentItemId) ?? null),
      position: i.position,
      kind: i.kind,
      text: i.text,
      statement: statementOf(i),
    }));
  };
  const [before, after] = await Promise.all([findItems(db, otherId), findItems(db, id)]);
  return { fromId: otherId, toId: id, changes: diffVersions(toVersioned(before), toVersioned(after)) };
}

/**
 * Documents and items matching `q`, ignoring diacritics; hits that match with the exact
 * diacritics rank first, then by the issuing org's level.
 */
export async function searchDocuments(db: Db, actor: Actor, q: string, limit: number) {
  const scope = scopeOf(actor, 'documents.read');
  const text = q.normalize('NFC');
  const { rows } = await db.query(
    `WITH hits AS (
       SELECT 'document' AS type, d.id AS "documentId", NULL::bigint AS "itemId", d.symbol, d.title AS text, d.kind::text AS kind,
              ((d.title || ' ' || d.symbol) ILIKE '%' || $1 || '%') AS exact, nlevel(o.path) AS lvl, o.name AS "orgName"
         FROM documents d JOIN orgs o ON o.id = d.org_id
        WHERE vn_fold(d.title || ' ' || d.symbol) LIKE '%' || vn_fold($1) || '%' AND ${readableDocSql('o.path', '$2')} AND ${latestDocSql('d')}
       UNION ALL
       SELECT 'item', d.id, i.id, d.symbol, i.text, i.kind, (i.text ILIKE '%' || $1 || '%'), nlevel(o.path), o.name
         FROM document_items i JOIN documents d ON d.id = i.document_id JOIN orgs o ON o.id = d.org_id
        WHERE vn_fold(i.text) LIKE '%' || vn_fold($1) || '%' AND ${readableDocSql('o.path', '$2')} AND ${latestDocSql('d')}
     )
     SELECT type, "documentId", "itemId", symbol, text, kind, exact AS "isExact", "orgName" FROM hits
      ORDER BY exact DESC, (type = 'document') DESC, lvl, "documentId", "itemId" NULLS FIRST LIMIT $3`,
    [text, scope, limit],
  );
  return rows;
}

// --- Files -------------------------------------------------------------------------------

export async function addDocumentFile(db: Db, actor: Actor, id: number, upload: UploadedFile) {
  return inTransaction(db, async (tx) => {
    const doc = await lockDocument(tx, actor, id);
    if (doc.status === 'amended')
      throw new AppError('conflict', { vi: 'Phiên bản này đã được thay thế.', en: 'This version was superseded.' });
    // The signed document: PDF or Word, judged by content; the org's quota counts it.
    const file = acceptAttachment(upload, ['pdf', 'docx', 'ole']);
    await checkOrgQuota(tx, doc.orgId, file.buffer.length);
    const { rows } = await tx.query(
      `INSERT INTO document_files (document_id, file_name, mime_type, size_bytes, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, file_name AS "fileName", mime_type AS "mimeType", size_bytes AS "sizeBytes", created_at AS "createdAt"`,
      [id, file.name.normalize('NFC'), file.mimeType, file.buffer.length, file.buffer, actor.userId],
    );
    await recordAudit(tx, actor, {
      action: 'attach',
      entity: 'document',
      entityId: id,
      orgId: doc.orgId,
      orgPath: doc.orgPath,
      summary: `Đính kèm ${file.name} vào ${doc.symbol}`,
    });
    return rows[0];
  });
}

export async function getDocumentFile(db: Db, actor: Actor, id: number, fileId: number) {
  const doc = await findDocumentReadable(db, id, scopeOf(actor, 'documents.read'));
  if (!doc) throw documentNotFound();
  const { rows } = await db.query<{ fileName: string; mimeType: string; content: Buffer }>(
    'SELECT file_name AS "fileName", mime_type AS "mimeType", content FROM document_files WHERE id = $1 AND document_id = $2',
    [fileId, id],
  );
  if (!rows[0]) throw notFound({ vi: 'Không tìm thấy tệp.', en: 'File not found.' });
  return rows[0];
}
