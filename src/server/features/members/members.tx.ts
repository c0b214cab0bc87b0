/**
 * Writes to a member inside a caller's transaction, for the registry: an admission creates the
 * member, later events change their status or move them, each in the same transaction as the
 * event. Permission and scope are the caller's job (it has already checked both).
 */
import type { PoolClient } from 'pg';
import { givenNameOf, normalizeFullName, type MemberStatus } from '../../../domain/members/member-fields';
import { AppError } from '../../lib/errors';

export type NewMember = {
  orgId: number;
  code: string;
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string | null;
  joinedDate: string;
  status: MemberStatus;
  isNonStateEnterprise: boolean;
  enterpriseId: number | null;
  isSample?: boolean;
};

/** Inserts a member and returns its id; a taken code is a 409 on body.code. */
export async function insertMemberInTx(tx: PoolClient, m: NewMember): Promise<number> {
  const fullName = normalizeFullName(m.fullName);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO members (org_id, code, full_name, given_name, gender, birth_date, joined_date, status, is_non_state_enterprise, enterprise_id, is_sample)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (code) DO NOTHING RETURNING id`,
    [
      m.orgId,
      m.code,
      fullName,
      givenNameOf(fullName),
      m.gender,
      m.birthDate,
      m.joinedDate,
      m.status,
      m.isNonStateEnterprise,
      m.enterpriseId,
      m.isSample ?? false,
    ],
  );
  if (!rows[0]) {
    const message = `Mã đảng viên "${m.code}" đã tồn tại.`;
    throw new AppError(
      'conflict',
      { vi: message, en: `Member code "${m.code}" already exists.` },
      { fields: [{ field: 'body.code', message }] },
    );
  }
  return rows[0].id;
}

/** Sets a member's status (and bumps the version, so an open form gets a 409). */
export async function setMemberStatusInTx(tx: PoolClient, id: number, status: MemberStatus): Promise<void> {
  await tx.query('UPDATE members SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, status]);
}

/**
 * Moves a member to another cell from `effectiveDate` on: their placement in the old cell ends
 * that day, so the receiving cell sees them only from then (member_placements trigger).
 */
export async function moveMemberInTx(
  tx: PoolClient,
  id: number,
  toOrgId: number,
  effectiveDate: string,
  status: MemberStatus,
): Promise<void> {
  await tx.query(`SELECT set_config('resolute.effective_date', $1, true)`, [effectiveDate]);
  await tx.query('UPDATE members SET org_id = $2, status = $3, version = version + 1, updated_at = now() WHERE id = $1', [
    id,
    toOrgId,
    status,
  ]);
  await tx.query(`SELECT set_config('resolute.effective_date', '', true)`);
  // The placement trigger names a dated move 'reorg'; this one is a transfer.
  await tx.query(`UPDATE member_placements SET reason = 'transfer' WHERE member_id = $1 AND valid_from = $2 AND reason = 'reorg'`, [
    id,
    effectiveDate,
  ]);
}
