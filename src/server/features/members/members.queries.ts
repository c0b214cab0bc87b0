/** Columns of a member as the API shows it. */
export const memberColumns = `
  m.id, m.org_id AS "orgId", o.name AS "orgName", o.code AS "orgCode", o.path::text AS "orgPath",
  m.code, m.full_name AS "fullName", m.given_name AS "givenName", m.gender,
  to_char(m.birth_date, 'YYYY-MM-DD') AS "birthDate", to_char(m.joined_date, 'YYYY-MM-DD') AS "joinedDate",
  m.status, m.is_non_state_enterprise AS "isNonStateEnterprise", m.phone, m.email, m.is_sample AS "isSample", m.version`;

export type MemberRow = {
  id: number;
  orgId: number;
  orgName: string;
  orgCode: string;
  orgPath: string;
  code: string;
  fullName: string;
  givenName: string;
  gender: 'male' | 'female';
  birthDate: string | null;
  joinedDate: string | null;
  status: 'official' | 'probationary' | 'transferred' | 'deceased' | 'removed';
  isNonStateEnterprise: boolean;
  phone: string | null;
  email: string | null;
  isSample: boolean;
  version: number;
};

/** Org kinds that hold members directly: a cell, or a grassroots organization without cells. */
export const MEMBER_HOLDING_KINDS = ['cell', 'grassroots'];
