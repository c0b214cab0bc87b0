/**
 * SQL of the consultation feature. Every read is keyed by a document the service has already
 * opened for the caller (team member, recipient or the issuing org's leadership).
 */
import type { Queryable } from '../../db/pool';
import type { TeamRole, VersionItem } from '../../../domain/consultation';

export async function findTeam(db: Queryable, documentId: number) {
  const { rows } = await db.query<{ userId: number; fullName: string; role: TeamRole }>(
    `SELECT t.user_id AS "userId", u.full_name AS "fullName", t.role
       FROM consultation_team_members t JOIN users u ON u.id = t.user_id
      WHERE t.document_id = $1
      ORDER BY CASE t.role WHEN 'head' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, u.full_name COLLATE "vi-x-icu"`,
    [documentId],
  );
  return rows;
}

export async function findVersions(db: Queryable, documentId: number) {
  const { rows } = await db.query<{
    id: number;
    versionNo: number;
    note: string | null;
    issuedAt: string;
    issuedByName: string | null;
    itemCount: number;
  }>(
    `SELECT v.id, v.version_no AS "versionNo", v.note, v.issued_at AS "issuedAt", u.full_name AS "issuedByName",
            (SELECT count(*)::int FROM consultation_version_items i WHERE i.version_id = v.id) AS "itemCount"
       FROM consultation_versions v LEFT JOIN users u ON u.id = v.issued_by
      WHERE v.document_id = $1 ORDER BY v.version_no`,
    [documentId],
  );
  return rows;
}

export async function findVersionItems(db: Queryable, versionId: number): Promise<VersionItem[]> {
  const { rows } = await db.query<VersionItem>(
    `SELECT stable_key::text AS "stableKey", parent_key::text AS "parentKey", kind, ord, depth, text,
            value::float8 AS value, value_min::float8 AS "valueMin", value_max::float8 AS "valueMax", unit
       FROM consultation_version_items WHERE version_id = $1 ORDER BY ord`,
    [versionId],
  );
  return rows;
}

export type RecipientRow = {
  id: number;
  roundId: number;
  orgId: number | null;
  userId: number | null;
  name: string;
  answeredAt: string | null;
  answeredOn: string | null;
};

export async function findRounds(db: Queryable, documentId: number) {
  const { rows: rounds } = await db.query<{
    id: number;
    versionId: number;
    versionNo: number;
    deadline: string;
    message: string | null;
    createdAt: string;
  }>(
    `SELECT r.id, r.version_id AS "versionId", v.version_no AS "versionNo", to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
            r.message, r.created_at AS "createdAt"
       FROM consultation_rounds r JOIN consultation_versions v ON v.id = r.version_id
      WHERE r.document_id = $1 ORDER BY r.id`,
    [documentId],
  );
  const { rows: recipients } = await db.query<RecipientRow>(
    `SELECT c.id, c.round_id AS "roundId", c.org_id AS "orgId", c.user_id AS "userId", COALESCE(o.name, u.full_name) AS name,
            c.answered_at AS "answeredAt", to_char(c.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS "answeredOn"
       FROM consultation_recipients c JOIN consultation_rounds r ON r.id = c.round_id
       LEFT JOIN orgs o ON o.id = c.org_id LEFT JOIN users u ON u.id = c.user_id
      WHERE r.document_id = $1
      ORDER BY c.round_id, (c.answered_at IS NULL) DESC, COALESCE(o.name, u.full_name) COLLATE "vi-x-icu"`,
    [documentId],
  );
  return { rounds, recipients };
}

/** Comment columns, with the names the grouped view and the synthesis show. */
export const commentColumns = `
  c.id, c.document_id AS "documentId", c.version_id AS "versionId", v.version_no AS "versionNo", c.item_key::text AS "itemKey",
  c.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", au.full_name AS "authorName", c.source,
  c.speaker_name AS "speakerName", c.speaker_title AS "speakerTitle", c.body, c.proposed_text AS "proposedText",
  c.proposed_value::float8 AS "proposedValue", c.status, c.sent_at AS "sentAt", c.disposition,
  c.disposition_reason AS "dispositionReason", du.full_name AS "disposedByName", c.disposed_at AS "disposedAt",
  c.version, c.created_at AS "createdAt", c.recipient_id AS "recipientId", c.author_id AS "authorId"`;

export const commentJoins = `
  FROM consultation_comments c JOIN consultation_versions v ON v.id = c.version_id
  LEFT JOIN orgs o ON o.id = c.org_id LEFT JOIN users au ON au.id = c.author_id LEFT JOIN users du ON du.id = c.disposed_by`;

export type CommentRow = {
  id: number;
  documentId: number;
  versionId: number;
  versionNo: number;
  itemKey: string | null;
  orgId: number | null;
  orgName: string | null;
  orgPath: string | null;
  authorName: string | null;
  source: 'written' | 'conference';
  speakerName: string | null;
  speakerTitle: string | null;
  body: string;
  proposedText: string | null;
  proposedValue: number | null;
  status: 'pending_approval' | 'sent';
  sentAt: string | null;
  disposition: 'accepted' | 'explained' | 'rejected' | null;
  dispositionReason: string | null;
  disposedByName: string | null;
  disposedAt: string | null;
  version: number;
  createdAt: string;
  recipientId: number | null;
  authorId: number | null;
};

export type SynthesisRow = {
  itemKey: string | null;
  orgId: number | null;
  orgName: string | null;
  authorName: string | null;
  source: 'written' | 'conference';
  speakerName: string | null;
  speakerTitle: string | null;
  body: string;
  proposedText: string | null;
  proposedValue: number | null;
  disposition: 'accepted' | 'explained' | 'rejected' | null;
  dispositionReason: string | null;
};

/** Every sent comment of a draft, with only what the synthesis report prints, in the order sent. */
export async function findSynthesisComments(db: Queryable, documentId: number): Promise<SynthesisRow[]> {
  const { rows } = await db.query<SynthesisRow>(
    `SELECT c.item_key::text AS "itemKey", c.org_id AS "orgId", o.name AS "orgName", au.full_name AS "authorName", c.source,
            c.speaker_name AS "speakerName", c.speaker_title AS "speakerTitle", c.body, c.proposed_text AS "proposedText",
            c.proposed_value::float8 AS "proposedValue", c.disposition, c.disposition_reason AS "dispositionReason"
       FROM consultation_comments c LEFT JOIN orgs o ON o.id = c.org_id LEFT JOIN users au ON au.id = c.author_id
      WHERE c.document_id = $1 AND c.status = 'sent'
      ORDER BY c.id`,
    [documentId],
  );
  return rows;
}
