/**
 * The kinds of party organization, committee roles and positions, with the labels the user
 * interface shows. Names follow GLOSSARY.md; the arrays are the single source of the unions so
 * that schemas (zod enums, database checks) can be built from them.
 */

export const orgKinds = [
  'central',
  'province_committee',
  'district_committee',
  'commune_committee',
  'bloc_committee',
  'grassroots',
  'cell',
  'agency',
  'mass_org',
] as const;
export type OrgKind = (typeof orgKinds)[number];

export const committeeRoles = ['executive', 'standing', 'inspection'] as const;
export type CommitteeRole = (typeof committeeRoles)[number];

export const positions = ['secretary', 'deputy_secretary', 'standing_deputy_secretary', 'member'] as const;
export type Position = (typeof positions)[number];

export type Label = { vi: string; en: string };

export const orgKindLabels: Record<OrgKind, Label> = {
  central: { vi: 'Ban Chấp hành Trung ương', en: 'Central Committee' },
  province_committee: { vi: 'Tỉnh ủy, Thành ủy trực thuộc Trung ương', en: 'Provincial committee' },
  district_committee: { vi: 'Huyện ủy, Thị ủy, Thành ủy', en: 'District committee' },
  commune_committee: { vi: 'Đảng ủy xã, phường, đặc khu', en: 'Commune committee' },
  bloc_committee: { vi: 'Đảng ủy khối', en: 'Bloc committee' },
  grassroots: { vi: 'Đảng bộ cơ sở, Chi bộ cơ sở', en: 'Grassroots organization' },
  cell: { vi: 'Chi bộ', en: 'Party cell' },
  agency: { vi: 'Sở, ban, ngành', en: 'Agency' },
  mass_org: { vi: 'Đoàn thể', en: 'Mass organization' },
};

export const committeeRoleLabels: Record<CommitteeRole, Label> = {
  executive: { vi: 'Ban Chấp hành', en: 'Executive committee' },
  standing: { vi: 'Ban Thường vụ', en: 'Standing committee' },
  inspection: { vi: 'Ủy ban Kiểm tra', en: 'Inspection committee' },
};

export const positionLabels: Record<Position, Label> = {
  secretary: { vi: 'Bí thư', en: 'Secretary' },
  deputy_secretary: { vi: 'Phó Bí thư', en: 'Deputy secretary' },
  standing_deputy_secretary: { vi: 'Phó Bí thư Thường trực', en: 'Standing deputy secretary' },
  member: { vi: 'Ủy viên', en: 'Member' },
};

/** Kinds whose org holds party members directly (a cell, or a small grassroots "chi bộ cơ sở"). */
export const memberHoldingKinds: readonly OrgKind[] = ['cell', 'grassroots'];
