/**
 * The cascade: links from a lower item to the higher item it concretizes, the suggestions for
 * them, and the three views (top-down, bottom-up, gaps) with the reviewer's checks.
 */
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { actionableItemKinds, isWeakerThanParent, planDutyOf, quotaSplit, suggestParents, type ItemKind } from '../../../domain/documents';
import type { OrgKind } from '../../../domain/orgs/org-kinds';
import { vnToday } from '../../../domain/vn-time';
import { buildTargetSpec, type Aggregation, type IndicatorDirection } from '../../../domain/targets';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import { findDocumentReadable, findItemReadable, itemColumns, latestDocSql, readableDocSql, type ItemRow } from './documents.queries';
import { requireDocumentWrite } from './documents.policy';
import { documentNotFound, statementOf } from './documents.service';
import { itemNotFound } from './items.service';

const specOf = (i: ItemRow) => ({
  ...buildTargetSpec({
    comparator: i.comparator ?? '=',
    value: i.value,
    valueMin: i.valueMin,
    valueMax: i.valueMax,
    unit: i.unit ?? '',
    perYear: i.perYear,
    byYear: i.byYear,
    baselineValue: i.baselineValue,
    baselineYear: i.baselineYear,
  }),
  indicatorId: i.indicatorId,
});

async function loadChildForLinking(db: Db, actor: Actor, itemId: number) {
  const item = await findItemReadable(db, itemId, scopeOf(actor, 'documents.read'));
  if (!item) throw itemNotFound();
  requireDocumentWrite(actor, item.doc);
  if (item.doc.status !== 'draft' && item.doc.status !== 'adopted') {
    throw new AppError('conflict', {
      vi: 'Phiên bản này đã được thay thế hoặc hết hiệu lực; hãy liên kết trên phiên bản hiện hành.',
      en: 'Link on the current version.',
    });
  }
  return item;
}

/**
 * Links a lower item to the higher item it concretizes. The higher item must belong to a
 * document that the lower document implements. Links are cascade bookkeeping, not the text of
 * the document, so they may be added to an adopted version too (and are audited).
 */
export async function linkItem(db: Db, actor: Actor, itemId: number, parentItemId: number) {
  await inTransaction(db, async (tx) => {
    const child = await loadChildForLinking(db, actor, itemId);
    const parent = await findItemReadable(tx, parentItemId, scopeOf(actor, 'documents.read'));
    if (!parent) throw notFound({ vi: 'Không tìm thấy mục cấp trên.', en: 'Parent item not found.' });
    const { rows } = await tx.query('SELECT 1 FROM document_implements WHERE document_id = $1 AND implements_series_id = $2', [
      child.documentId,
      parent.doc.seriesId,
    ]);
    if (rows.length === 0) {
      throw new AppError(
        'validation_failed',
        {
          vi: `Văn bản ${child.doc.symbol} không thực hiện văn bản ${parent.doc.symbol}; hãy thêm văn bản đó vào mục "Thực hiện văn bản" trước.`,
          en: 'The lower document does not implement that document.',
        },
        { fields: [{ field: 'body.parentItemId', message: `Văn bản ${child.doc.symbol} không thực hiện văn bản ${parent.doc.symbol}.` }] },
      );
    }
    await tx.query('INSERT INTO item_links (child_item_id, parent_item_id, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      itemId,
      parentItemId,
      actor.userId,
    ]);
    await recordAudit(tx, actor, {
      action: 'link',
      entity: 'document_item',
      entityId: itemId,
      orgId: child.doc.orgId,
      orgPath: child.doc.orgPath,
      summary: `Liên kết mục của ${child.doc.symbol} với mục của ${parent.doc.symbol}`,
      after: { childItemId: itemId, parentItemId },
    });
  });
  return findParentLinks(db, actor, itemId);
}

export async function unlinkItem(db: Db, actor: Actor, itemId: number, parentItemId: number) {
  await inTransaction(db, async (tx) => {
    const child = await loadChildForLinking(db, actor, itemId);
    const { rowCount } = await tx.query('DELETE FROM item_links WHERE child_item_id = $1 AND parent_item_id = $2', [itemId, parentItemId]);
    if (rowCount === 0) throw notFound({ vi: 'Không có liên kết này.', en: 'No such link.' });
    await recordAudit(tx, actor, {
      action: 'unlink',
      entity: 'document_item',
      entityId: itemId,
      orgId: child.doc.orgId,
      orgPath: child.doc.orgPath,
      summary: `Bỏ liên kết mục của ${child.doc.symbol}`,
      before: { childItemId: itemId, parentItemId },
    });
  });
}

async function findParentLinks(db: Db, actor: Actor, itemId: number) {
  const { rows } = await db.query(
    `SELECT p.id AS "parentItemId", p.document_id AS "documentId", d.symbol, o.name AS "orgName", p.text
       FROM item_links l JOIN document_items p ON p.id = l.parent_item_id JOIN documents d ON d.id = p.document_id JOIN orgs o ON o.id = d.org_id
      WHERE l.child_item_id = $1 AND ${readableDocSql('o.path', '$2')} ORDER BY p.id`,
    [itemId, scopeOf(actor, 'documents.read')],
  );
  return rows;
}

/** Items of the documents this item's document implements, ranked as likely parents. */
export async function suggestLinks(db: Db, actor: Actor, itemId: number) {
  const scope = scopeOf(actor, 'documents.read');
  const item = await findItemReadable(db, itemId, scope);
  if (!item) throw itemNotFound();
  const { rows } = await db.query<ItemRow & { symbol: string; orgName: string }>(
    `SELECT ${itemColumns}, d.symbol, o.name AS "orgName"
       FROM document_implements di JOIN documents d ON d.series_id = di.implements_series_id AND ${latestDocSql('d')}
       JOIN orgs o ON o.id = d.org_id JOIN document_items i ON i.document_id = d.id
      WHERE di.document_id = $1 AND ${readableDocSql('o.path', '$2')} AND i.kind NOT IN ('part','section','paragraph')`,
    [item.documentId, scope],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ranked = suggestParents(
    { kind: item.kind, text: item.text, indicatorId: item.indicatorId },
    rows.map((r) => ({ id: r.id, kind: r.kind, text: r.text, indicatorId: r.indicatorId })),
    { limit: 8 },
  );
  return {
    suggestions: ranked.map((s) => {
      const r = byId.get(s.id)!;
      return {
        ...s,
        itemId: r.id,
        documentId: r.documentId,
        symbol: r.symbol,
        orgName: r.orgName,
        kind: r.kind,
        text: r.text,
        statement: statementOf(r),
      };
    }),
    // Every candidate, for a manual pick when no suggestion fits.
    candidates: rows.map((r) => ({
      itemId: r.id,
      documentId: r.documentId,
      symbol: r.symbol,
      kind: r.kind,
      text: r.text,
      statement: statementOf(r),
    })),
  };
}

type CascadeNode = {
  itemId: number;
  documentId: number;
  symbol: string;
  documentKind: string;
  documentStatus: string;
  documentTitle: string;
  orgId: number;
  orgName: string;
  orgKind: string;
  kind: ItemKind;
  text: string;
  statement: string | null;
  childCount: number;
  isWeaker: boolean;
};

/**
 * Top-down, one level: the items that concretize `itemId`, with their documents and orgs,
 * each with the number of items below it (the client opens the next level on demand). For a
 * target, each lower target on the same indicator is checked against it, and quota splits
 * are added up.
 */
export async function findConcretizations(db: Db, actor: Actor, itemId: number) {
  const scope = scopeOf(actor, 'documents.read');
  const item = await findItemReadable(db, itemId, scope);
  if (!item) throw itemNotFound();
  const { rows } = await db.query<
    ItemRow & {
      symbol: string;
      documentKind: string;
      documentStatus: string;
      documentTitle: string;
      orgId: number;
      orgName: string;
      orgKind: string;
      childCount: number;
    }
  >(
    `SELECT ${itemColumns}, d.symbol, d.kind AS "documentKind", d.status AS "documentStatus", d.title AS "documentTitle",
            d.org_id AS "orgId", o.name AS "orgName", o.kind AS "orgKind",
            (SELECT count(*)::int FROM item_links g WHERE g.parent_item_id = i.id) AS "childCount"
       FROM item_links l JOIN document_items i ON i.id = l.child_item_id
       JOIN documents d ON d.id = i.document_id JOIN orgs o ON o.id = d.org_id
      WHERE l.parent_item_id = $1 AND ${latestDocSql('d')} AND ${readableDocSql('o.path', '$2')}
      ORDER BY o.name COLLATE "vi-x-icu", d.id, i.position`,
    [itemId, scope],
  );
  const indicator =
    item.indicatorId === null
      ? null
      : ((
          await db.query<{ id: number; name: string; unit: string; direction: IndicatorDirection; aggregation: Aggregation }>(
            'SELECT id, name, unit, direction, aggregation FROM indicators WHERE id = $1',
            [item.indicatorId],
          )
        ).rows[0] ?? null);
  const parentSpec = item.kind === 'target' ? specOf(item) : null;
  const children: CascadeNode[] = rows.map((r) => ({
    itemId: r.id,
    documentId: r.documentId,
    symbol: r.symbol,
    documentKind: r.documentKind,
    documentStatus: r.documentStatus,
    documentTitle: r.documentTitle,
    orgId: r.orgId,
    orgName: r.orgName,
    orgKind: r.orgKind,
    kind: r.kind,
    text: r.text,
    statement: statementOf(r),
    childCount: r.childCount,
    isWeaker:
      parentSpec !== null &&
      indicator !== null &&
      r.kind === 'target' &&
      isWeakerThanParent(specOf(r), parentSpec, indicator.direction, indicator.aggregation),
  }));
  let quota = null;
  if (parentSpec && indicator?.aggregation === 'sum') {
    const sameIndicator = rows.filter((r) => r.kind === 'target' && r.indicatorId === indicator.id);
    quota = quotaSplit(parentSpec, sameIndicator.map(specOf));
  }
  const orgCount = new Set(children.map((c) => c.orgId)).size;
  return {
    item: {
      itemId: item.id,
      documentId: item.documentId,
      symbol: item.doc.symbol,
      orgName: item.doc.orgName,
      kind: item.kind,
      text: item.text,
      statement: statementOf(item),
      indicator,
    },
    children,
    orgCount,
    weakerCount: children.filter((c) => c.isWeaker).length,
    quota,
  };
}

/**
 * Bottom-up: from an item, every chain of links up to the top, as nodes and edges (an item may
 * concretize several parents). Bounded to 12 levels.
 */
export async function findChain(db: Db, actor: Actor, itemId: number) {
  const scope = scopeOf(actor, 'documents.read');
  const item = await findItemReadable(db, itemId, scope);
  if (!item) throw itemNotFound();
  const { rows } = await db.query<{ childItemId: number; parentItemId: number; depth: number }>(
    `WITH RECURSIVE up AS (
       SELECT l.child_item_id, l.parent_item_id, 1 AS depth FROM item_links l WHERE l.child_item_id = $1
       UNION
       SELECT l.child_item_id, l.parent_item_id, up.depth + 1 FROM item_links l JOIN up ON l.child_item_id = up.parent_item_id WHERE up.depth < 12
     ) SELECT DISTINCT child_item_id AS "childItemId", parent_item_id AS "parentItemId", min(depth) OVER (PARTITION BY parent_item_id) AS depth FROM up`,
    [itemId],
  );
  const ids = [...new Set([itemId, ...rows.map((r) => r.parentItemId)])];
  const { rows: nodes } = await db.query<
    ItemRow & { symbol: string; orgName: string; orgKind: string; documentTitle: string; isReadable: boolean }
  >(
    `SELECT ${itemColumns}, d.symbol, o.name AS "orgName", o.kind AS "orgKind", d.title AS "documentTitle", ${readableDocSql('o.path', '$2')} AS "isReadable"
       FROM document_items i JOIN documents d ON d.id = i.document_id JOIN orgs o ON o.id = d.org_id WHERE i.id = ANY($1::bigint[])`,
    [ids, scope],
  );
  const readable = new Set(nodes.filter((n) => n.isReadable).map((n) => n.id));
  const depthOf = new Map<number, number>([[itemId, 0], ...rows.map((r) => [r.parentItemId, r.depth] as [number, number])]);
  return {
    nodes: nodes
      .filter((n) => readable.has(n.id))
      .map((n) => ({
        itemId: n.id,
        documentId: n.documentId,
        symbol: n.symbol,
        orgName: n.orgName,
        orgKind: n.orgKind,
        documentTitle: n.documentTitle,
        kind: n.kind,
        text: n.text,
        statement: statementOf(n),
        depth: depthOf.get(n.id) ?? 0,
      }))
      .sort((a, b) => a.depth - b.depth || a.itemId - b.itemId),
    edges: rows
      .filter((r) => readable.has(r.childItemId) && readable.has(r.parentItemId))
      .map(({ childItemId, parentItemId }) => ({ childItemId, parentItemId })),
  };
}

/**
 * The gap view of a document: the subordinate orgs (direct, or down to `depth` levels) that owe
 * a program or plan implementing it and have not issued one, and its targets and tasks that no
 * lower item concretizes. Who owes a plan is decided by rule (`planDutyOf`): party
 * organizations always, agencies and mass organizations only when a task of this document is
 * assigned to them; each org carries the reason it is listed.
 */
export async function findGaps(db: Db, actor: Actor, documentId: number, depth: number) {
  const scope = scopeOf(actor, 'documents.read');
  const doc = await findDocumentReadable(db, documentId, scope);
  if (!doc) throw documentNotFound();
  // Orgs below the issuer, inside the caller's read scope; who has issued is one hash
  // anti-join on the implementing documents of this series (index on implements_series_id).
  // "Assigned" means lead or partner of a task made from one of this document's items.
  const { rows: candidates } = await db.query<{
    id: number;
    name: string;
    kind: OrgKind;
    path: string;
    parentId: number | null;
    level: number;
    isAssigned: boolean;
    documents: { id: number; symbol: string; status: string }[] | null;
  }>(
    `WITH issued AS (
       SELECT d.org_id, json_agg(json_build_object('id', d.id, 'symbol', d.symbol, 'status', d.status) ORDER BY d.id) AS documents
         FROM document_implements di JOIN documents d ON d.id = di.document_id
        WHERE di.implements_series_id = $1 AND ${latestDocSql('d')} GROUP BY d.org_id
     ), assigned AS (
       SELECT DISTINCT unnest(t.partner_org_ids || t.lead_org_id) AS org_id
         FROM tasks t JOIN document_items i ON i.id = t.item_id WHERE i.document_id = $5
     )
     SELECT o.id, o.name, o.kind, o.path::text AS path, o.parent_id AS "parentId", nlevel(o.path) - nlevel($2::ltree) AS level,
            (a.org_id IS NOT NULL) AS "isAssigned", issued.documents
       FROM orgs o LEFT JOIN issued ON issued.org_id = o.id LEFT JOIN assigned a ON a.org_id = o.id
      WHERE o.path <@ $2::ltree AND nlevel(o.path) BETWEEN nlevel($2::ltree) + 1 AND nlevel($2::ltree) + $3
        AND o.kind <> 'cell' AND (o.valid_to IS NULL OR o.valid_to > $6::date)
        AND ($4::ltree[] IS NULL OR o.path <@ $4::ltree[] OR o.path @> $4::ltree[])
      ORDER BY nlevel(o.path), o.name COLLATE "vi-x-icu"`,
    [doc.seriesId, doc.orgPath, depth, scope, documentId, vnToday()],
  );
  const orgs = candidates.flatMap(({ isAssigned, ...o }) => {
    const reason = planDutyOf(o.kind, isAssigned);
    return reason ? [{ ...o, reason }] : [];
  });
  const { rows: untaken } = await db.query<ItemRow>(
    `SELECT ${itemColumns} FROM document_items i
      WHERE i.document_id = $1 AND i.kind = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM item_links l JOIN document_items c ON c.id = l.child_item_id JOIN documents cd ON cd.id = c.document_id
                         WHERE l.parent_item_id = i.id AND ${latestDocSql('cd')})
      ORDER BY i.parent_item_id NULLS FIRST, i.position`,
    [documentId, actionableItemKinds],
  );
  const { rows: totals } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM document_items WHERE document_id = $1 AND kind = ANY($2::text[])',
    [documentId, actionableItemKinds],
  );
  // Issued means adopted (or since expired): a plan still in draft leaves the org in the gap,
  // shown with its draft so the reviewer knows it is on the way.
  const isIssued = (o: (typeof orgs)[number]) => (o.documents ?? []).some((d) => d.status === 'adopted' || d.status === 'expired');
  const missing = orgs.filter((o) => !isIssued(o));
  return {
    document: { id: doc.id, symbol: doc.symbol, title: doc.title, orgName: doc.orgName },
    depth,
    orgCount: orgs.length,
    issuedCount: orgs.length - missing.length,
    missingCount: missing.length,
    missingOrgs: missing.map((o) => ({ ...o, documents: o.documents ?? [] })),
    issuedOrgs: orgs.filter(isIssued).map((o) => ({ ...o, documents: o.documents ?? [] })),
    actionableCount: totals[0]?.n ?? 0,
    untakenCount: untaken.length,
    untakenItems: untaken.map((i) => ({ itemId: i.id, kind: i.kind, text: i.text, statement: statementOf(i) })),
  };
}
