/**
 * Issuing, listing and revoking API tokens. Only an administrator, and only for orgs within
 * their own administration: a token never reaches further than the person who issued it.
 */
import type { ApiToken, IssueApiTokenInput, IssuedApiToken } from '../../../contracts/api-tokens';
import { vnToday } from '../../../domain/vn-time';
import { inTransaction, type Db, type Queryable } from '../../db/pool';
import type { Actor } from '../../lib/actor';
import { newToken } from '../../lib/api-token-auth';
import { recordAudit } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import { findOrgInScope } from '../orgs';
import { canIssueTokenFor, tokenScope } from './api-tokens.policy';

const MAX_DAYS = 730;

const tokenNotFound = () => notFound({ vi: 'Không tìm thấy mã truy cập API.', en: 'API token not found.' });

type TokenRow = {
  id: number;
  system_name: string;
  org_id: number;
  org_name: string;
  access: 'read' | 'write';
  token_prefix: string;
  expires_at: Date;
  created_at: Date;
  created_by_name: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

const columns = `t.id, t.system_name, t.org_id, o.name AS org_name, t.access, t.token_prefix, t.expires_at, t.created_at, cu.full_name AS created_by_name,
                 t.revoked_at, t.last_used_at`;
const from = `api_tokens t JOIN orgs o ON o.id = t.org_id LEFT JOIN users cu ON cu.id = t.created_by`;

function present(r: TokenRow): ApiToken {
  const status = r.revoked_at ? 'revoked' : r.expires_at.getTime() <= Date.now() ? 'expired' : 'active';
  return {
    id: r.id,
    systemName: r.system_name,
    orgId: r.org_id,
    orgName: r.org_name,
    access: r.access,
    tokenPrefix: r.token_prefix,
    expiresAt: r.expires_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    status,
  };
}

async function loadToken(db: Queryable, scope: string[], id: number): Promise<TokenRow> {
  const { rows } = await db.query<TokenRow>(`SELECT ${columns} FROM ${from} WHERE t.id = $1 AND o.path <@ $2::ltree[]`, [id, scope]);
  if (!rows[0]) throw tokenNotFound();
  return rows[0];
}

/** Tokens of the orgs the administrator administers, newest first. */
export async function findApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  const scope = tokenScope(actor);
  const { rows } = await db.query<TokenRow>(
    `SELECT ${columns} FROM ${from} WHERE o.path <@ $1::ltree[] ORDER BY t.created_at DESC, t.id DESC`,
    [scope],
  );
  return rows.map(present);
}

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** Issues a token; the answer holds the secret, which is kept only as its sha256. */
export async function issueApiToken(db: Db, actor: Actor, input: IssueApiTokenInput): Promise<IssuedApiToken> {
  const scope = tokenScope(actor);
  const org = await findOrgInScope(db, input.orgId, scope);
  if (!org) throw notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });
  if (!canIssueTokenFor(actor, org.path)) throw tokenNotFound();
  const days = daysBetween(vnToday(), input.expiresOn);
  if (days < 0 || days > MAX_DAYS) {
    const vi = `Ngày hết hạn phải từ hôm nay đến tối đa ${MAX_DAYS} ngày sau.`;
    throw new AppError(
      'validation_failed',
      { vi, en: `The expiry must be between today and ${MAX_DAYS} days from now.` },
      { fields: [{ field: 'body.expiresOn', message: vi }] },
    );
  }
  const { token, hash, prefix } = newToken();
  return inTransaction(db, async (client) => {
    // The token's own account: disabled (nobody logs in to it) and without roles.
    const { rows: user } = await client.query<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash, is_disabled) VALUES ($1, $2, '!', true) RETURNING id`,
      [`api-token-${prefix}-${hash.subarray(0, 4).toString('hex')}`, `Hệ thống ngoài: ${input.systemName}`],
    );
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO api_tokens (user_id, system_name, org_id, access, token_hash, token_prefix, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, ($7::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', $8) RETURNING id`,
      [user[0]!.id, input.systemName, org.id, input.access, hash, prefix, input.expiresOn, actor.userId],
    );
    const id = rows[0]!.id;
    await recordAudit(client, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      summary: `Cấp mã truy cập API (${input.access === 'read' ? 'chỉ đọc' : 'đọc và ghi'}) cho ${input.systemName}`,
      after: { systemName: input.systemName, orgId: org.id, access: input.access, expiresOn: input.expiresOn, tokenPrefix: prefix },
    });
    return { ...present(await loadToken(client, scope, id)), token };
  });
}

/** Revokes a token at once: its next request gets 401. Revoking twice changes nothing. */
export async function revokeApiToken(db: Db, actor: Actor, id: number): Promise<ApiToken> {
  const scope = tokenScope(actor);
  const before = await loadToken(db, scope, id);
  if (!before.revoked_at) {
    await inTransaction(db, async (client) => {
      await client.query('UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL', [
        id,
        actor.userId,
      ]);
      const { rows } = await client.query<{ path: string }>('SELECT path::text AS path FROM orgs WHERE id = $1', [before.org_id]);
      await recordAudit(client, actor, {
        action: 'revoke',
        entity: 'api_token',
        entityId: id,
        orgId: before.org_id,
        orgPath: rows[0]?.path ?? null,
        summary: `Thu hồi mã truy cập API của ${before.system_name}`,
      });
    });
  }
  return present(await loadToken(db, scope, id));
}
