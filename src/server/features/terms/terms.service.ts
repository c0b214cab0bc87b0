/**
 * Terms of an org: listing them with the current one, and opening a new term with its congress
 * (closing the one before in the same transaction).
 */
import type pg from 'pg';
import type { Db } from '../../db/pool';
import { inTransaction } from '../../db/pool';
import { checkTermYears, congressOrdinal, termLabel, TermError } from '../../../domain/terms';
import type { OpenTermInput, RecordCongressInput } from '../../../contracts/terms';
import { scopeOf, type Actor } from '../../lib/actor';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import { findDocumentReadable } from '../documents';
import { findOrgInScope } from '../orgs';
import { findTermsOfOrg } from './terms.queries';
import { requireManageTerms } from './terms.policy';

type CongressInput = NonNullable<OpenTermInput['congress']>;

const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', { vi: message, en: 'Some fields are invalid.' }, { fields: [{ field, message }] });

/** The org's terms, newest first, and its current (open) term. 404 outside the caller's scope. */
export async function getOrgTerms(db: Db, actor: Actor, orgId: number) {
  const org = await findOrgInScope(db, orgId, scopeOf(actor, 'orgs.read'));
  if (!org) throw orgNotFound();
  const items = await findTermsOfOrg(db, org.id);
  return { orgId: org.id, orgName: org.name, current: items.find((t) => t.status === 'open') ?? null, items };
}

function checkInput(input: OpenTermInput) {
  try {
    checkTermYears(input.startYear, input.endYear);
  } catch (e) {
    if (e instanceof TermError) throw fieldError(`body.${e.field}`, e.message);
    throw e;
  }
  if (Number(input.startDate.slice(0, 4)) < input.startYear - 1 || Number(input.startDate.slice(0, 4)) > input.startYear) {
    throw fieldError('body.startDate', 'Ngày bắt đầu phải thuộc năm bắt đầu nhiệm kỳ (hoặc cuối năm trước).');
  }
  if (input.endDate && input.endDate < input.startDate) throw fieldError('body.endDate', 'Ngày kết thúc phải sau ngày bắt đầu.');
  if (input.congress) checkCongress(input.congress, 'body.congress.');
}

function checkCongress(c: CongressInput, prefix: string) {
  if (c.endDate < c.startDate) throw fieldError(`${prefix}endDate`, 'Ngày bế mạc phải sau ngày khai mạc.');
  if (c.mode === 'in_person' && c.bridgePoints.length > 0)
    throw fieldError(`${prefix}bridgePoints`, 'Đại hội trực tiếp không có điểm cầu; chọn hình thức trực tuyến hoặc kết hợp.');
}

/**
 * Opens a term for an org (the caller needs terms.write on it): closes its open term the day
 * before (or on `previousEndDate`), records the congress and its resolution, all audited in
 * one transaction. 409 when the org already has this term.
 */
export async function openTerm(db: Db, actor: Actor, orgId: number, input: OpenTermInput) {
  const label = await inTransaction(db, (tx) => openTermTx(tx, actor, orgId, input));
  const terms = await getOrgTerms(db, actor, orgId);
  return terms.items.find((t) => t.label === label)!;
}

/** openTerm inside an open transaction (the demo loads in one); returns the term's label. */
export async function openTermTx(
  tx: pg.PoolClient,
  actor: Actor,
  orgId: number,
  input: OpenTermInput,
  opts: { isSample?: boolean } = {},
): Promise<string> {
  checkInput(input);
  const label = termLabel({ startYear: input.startYear, endYear: input.endYear });
  const org = await findOrgInScope(tx, orgId, actor.userId === null ? null : scopeOf(actor, 'orgs.read'));
  if (!org) throw orgNotFound();
  requireManageTerms(actor, org.path);
  const resolutionId = input.congress?.resolutionDocumentId ?? null;
  if (resolutionId !== null) {
    const doc = await findDocumentReadable(tx, resolutionId, actor.userId === null ? null : scopeOf(actor, 'documents.read'));
    if (!doc) throw notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });
    if (doc.orgId !== org.id || doc.kind !== 'resolution' || doc.term !== label) {
      throw fieldError('body.congress.resolutionDocumentId', `Nghị quyết đại hội phải là nghị quyết của ${org.name} nhiệm kỳ ${label}.`);
    }
  }
  // Serializes openings for one org: the one-open-term index would otherwise fail the second.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`terms:${org.id}`]);
  const { rows: existing } = await tx.query<{ id: number; label: string; startDate: string; status: string }>(
    `SELECT id, label, start_date AS "startDate", status FROM terms WHERE org_id = $1`,
    [org.id],
  );
  if (existing.some((t) => t.label === label)) {
    throw new AppError('conflict', { vi: `${org.name} đã có nhiệm kỳ ${label}.`, en: `The organization already has the ${label} term.` });
  }
  // With an end date the call records a term that has ended (Bình Dương's 2020–2025 entered
  // after its merge): it must not overlap another term and leaves the open one alone.
  const isClosedRecord = input.endDate !== null && input.endDate !== undefined;
  if (isClosedRecord) {
    const { rows: overlap } = await tx.query<{ label: string }>(
      `SELECT label FROM terms WHERE org_id = $1 AND daterange(start_date, end_date, '[]') && daterange($2::date, $3::date, '[]')`,
      [org.id, input.startDate, input.endDate],
    );
    if (overlap[0]) throw fieldError('body.startDate', `Thời gian trùng với nhiệm kỳ ${overlap[0].label}.`);
  }
  const open = isClosedRecord ? undefined : existing.find((t) => t.status === 'open');
  if (open) {
    if (open.startDate >= input.startDate)
      throw fieldError('body.startDate', `Nhiệm kỳ mới phải bắt đầu sau nhiệm kỳ đang mở ${open.label}.`);
    const end = input.previousEndDate ?? null;
    if (end !== null && (end < open.startDate || end >= input.startDate))
      throw fieldError('body.previousEndDate', 'Ngày kết thúc nhiệm kỳ trước phải trước ngày bắt đầu nhiệm kỳ mới.');
    await tx.query(
      `UPDATE terms SET status = 'closed', end_date = COALESCE($2::date, end_date, $3::date - 1), version = version + 1 WHERE id = $1`,
      [open.id, end, input.startDate],
    );
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'term',
      entityId: open.id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Kết thúc nhiệm kỳ ${open.label} của ${org.name}`,
      before: { status: 'open' },
      after: { status: 'closed' },
    });
  }
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO terms (org_id, label, start_date, end_date, status, is_sample) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [org.id, label, input.startDate, input.endDate ?? null, isClosedRecord ? 'closed' : 'open', opts.isSample ?? false],
  );
  const termId = rows[0]!.id;
  const c = input.congress;
  if (c) {
    await tx.query(
      `INSERT INTO congresses (term_id, ordinal, start_date, end_date, delegates, mode, bridge_points, resolution_document_id, is_sample)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        termId,
        c.ordinal,
        c.startDate,
        c.endDate,
        c.delegates ?? null,
        c.mode,
        c.bridgePoints.map((p) => p.normalize('NFC')),
        resolutionId,
        opts.isSample ?? false,
      ],
    );
  }
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'term',
    entityId: termId,
    orgId: org.id,
    orgPath: org.path,
    summary: `Mở nhiệm kỳ ${label} của ${org.name}${c ? `, Đại hội lần thứ ${congressOrdinal(c.ordinal)}` : ''}`,
    after: input,
  });
  return label;
}

/**
 * Records the congress of a term opened without one (the caller needs terms.write on the org):
 * 404 outside the caller's scope, 409 when the term already has its congress or changed since
 * it was read (`version`), audited in the same transaction. Returns the term.
 */
export async function recordCongress(db: Db, actor: Actor, termId: number, input: RecordCongressInput) {
  checkCongress(input, 'body.');
  const orgId = await inTransaction(db, async (tx) => {
    const scope = actor.userId === null ? null : scopeOf(actor, 'orgs.read');
    const { rows } = await tx.query<{ id: number; orgId: number; label: string; version: number; path: string; orgName: string }>(
      `SELECT t.id::int, t.org_id::int AS "orgId", t.label, t.version, o.path::text AS path, o.name AS "orgName"
         FROM terms t JOIN orgs o ON o.id = t.org_id
        WHERE t.id = $1 AND ($2::ltree[] IS NULL OR o.path <@ $2::ltree[]) FOR UPDATE OF t`,
      [termId, scope],
    );
    const term = rows[0];
    if (!term) throw notFound({ vi: 'Không tìm thấy nhiệm kỳ.', en: 'Term not found.' });
    requireManageTerms(actor, term.path);
    if (term.version !== input.version)
      throw new AppError('version_conflict', {
        vi: 'Nhiệm kỳ vừa được người khác sửa; hãy tải lại.',
        en: 'The term changed since you read it; reload.',
      });
    const { rows: has } = await tx.query('SELECT 1 FROM congresses WHERE term_id = $1', [term.id]);
    if (has.length > 0)
      throw new AppError('conflict', {
        vi: `Nhiệm kỳ ${term.label} của ${term.orgName} đã có đại hội.`,
        en: `The ${term.label} term already has its congress.`,
      });
    const resolutionId = input.resolutionDocumentId ?? null;
    if (resolutionId !== null) {
      const doc = await findDocumentReadable(tx, resolutionId, actor.userId === null ? null : scopeOf(actor, 'documents.read'));
      if (!doc) throw notFound({ vi: 'Không tìm thấy văn bản.', en: 'Document not found.' });
      if (doc.orgId !== term.orgId || doc.kind !== 'resolution' || doc.term !== term.label)
        throw fieldError('body.resolutionDocumentId', `Nghị quyết đại hội phải là nghị quyết của ${term.orgName} nhiệm kỳ ${term.label}.`);
    }
    await tx.query(
      `INSERT INTO congresses (term_id, ordinal, start_date, end_date, delegates, mode, bridge_points, resolution_document_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        term.id,
        input.ordinal,
        input.startDate,
        input.endDate,
        input.delegates ?? null,
        input.mode,
        input.bridgePoints.map((p) => p.normalize('NFC')),
        resolutionId,
      ],
    );
    await tx.query('UPDATE terms SET version = version + 1 WHERE id = $1', [term.id]);
    const { version: _version, ...congress } = input;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'term',
      entityId: term.id,
      orgId: term.orgId,
      orgPath: term.path,
      summary: `Ghi Đại hội lần thứ ${congressOrdinal(input.ordinal)} của ${term.orgName}, nhiệm kỳ ${term.label}`,
      before: { congress: null },
      after: { congress },
    });
    return term.orgId;
  });
  return (await findTermsOfOrg(db, orgId)).find((t) => t.id === termId)!;
}
