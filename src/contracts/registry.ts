/**
 * Request and response shapes of the member registry (issue 13): membership events, admission
 * candidates and their steps, enterprises, and the indicators computed from events.
 */
import { z } from 'zod';
import { eventKinds } from '../domain/registry/membership-events';
import { candidateSteps } from '../domain/registry/candidates';
import { queryId } from './query-params';

const pathId = z
  .string()
  .regex(/^\d{1,15}$/, 'Mã phải là số nguyên dương.')
  .transform(Number)
  .pipe(z.number().int().positive());
const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const decision = z.string().trim().min(3, 'Hãy ghi số và ngày của quyết định.').max(300);

export const idParams = z.object({ id: pathId });

/** Events a user records on a member (an admission comes from a candidate; a transfer in from its code). */
export const recordableKinds = ['official', 'transfer_out', 'removal', 'expulsion', 'resignation', 'death', 'exemption'] as const;

export const recordEventSchema = z.object({
  kind: z.enum(recordableKinds),
  date: isoDate,
  decision,
  transferMode: z.enum(['official', 'temporary']).nullish(),
  /** Where the member goes (a cell, or a party committee of another province): the receiver enters the code. */
  destination: z.string().trim().max(200).nullish(),
});
export type RecordEventInput = z.infer<typeof recordEventSchema>;

export const receiveTransferSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{10}$/i, 'Mã chuyển sinh hoạt gồm 10 chữ và số.'),
  orgId: id,
  date: isoDate,
  decision,
});
export type ReceiveTransferInput = z.infer<typeof receiveTransferSchema>;

export const eventSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(eventKinds),
  date: z.string(),
  decision: z.string(),
  transferMode: z.enum(['official', 'temporary']).nullable(),
  /** Shown only to who may write the sending cell's events (the code is what the receiver enters). */
  transferCode: z.string().nullable(),
  destination: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
});
export type MembershipEventView = z.infer<typeof eventSchema>;

/** Correcting a past event: its date and decision (the kind is what happened; record another event instead). */
export const editEventSchema = z.object({
  date: isoDate,
  decision,
  version: z.number().int(),
  /** Answer what the correction would change (reports to re-approve) without writing it. */
  dryRun: z.boolean().default(false),
});
export type EditEventInput = z.infer<typeof editEventSchema>;

/** An approved report of a closed period whose figure a correction moves, and who must re-approve it. */
export const reapprovalSchema = z.object({
  reportId: z.number(),
  documentSymbol: z.string(),
  orgName: z.string(),
  periodKey: z.string(),
  /** The approvers of the level above, who approved the report and must approve it again. */
  approvers: z.object({ orgName: z.string(), people: z.array(z.string()) }),
  differences: z.array(
    z.object({
      itemId: z.number(),
      /** The indicator's name (the target's text without one). */
      figure: z.string(),
      before: z.number(),
      after: z.number(),
      /** The figure the approved report gave. */
      reported: z.number().nullable(),
    }),
  ),
});
export type ReapprovalView = z.infer<typeof reapprovalSchema>;
export const editEventResultSchema = z.object({
  /** False for a dry run: nothing was written. */
  applied: z.boolean(),
  event: eventSchema,
  reapprovals: z.array(reapprovalSchema),
});

export const timelineSchema = z.object({
  member: z.object({
    id: z.number(),
    code: z.string(),
    fullName: z.string(),
    gender: z.enum(['male', 'female']),
    birthDate: z.string().nullable(),
    orgId: z.number(),
    orgName: z.string(),
    status: z.string(),
    /** Personal data: null unless the caller manages the member's subtree or is the member. */
    phone: z.string().nullable(),
    idNumber: z.string().nullable(),
    hasPersonalData: z.boolean(),
  }),
  standing: z.enum(['none', 'probationary', 'official', 'left', 'deceased']),
  reviewDue: z.string().nullable(),
  events: z.array(eventSchema),
  abilities: z.object({ record: z.boolean() }),
});
export type TimelineView = z.infer<typeof timelineSchema>;

export const rosterQuery = z.object({ orgId: queryId(), asOf: isoDate });
export const rosterSchema = z.object({
  asOf: z.string(),
  total: z.number(),
  probationary: z.number(),
  items: z.array(
    z.object({ id: z.number(), code: z.string(), fullName: z.string(), orgId: z.number(), orgName: z.string(), standing: z.string() }),
  ),
  /** Members of other cells taking part here on a temporary transfer: not on this roll, on their home cell's. */
  temporary: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      fullName: z.string(),
      orgId: z.number(),
      orgName: z.string(),
      homeOrgName: z.string(),
      since: z.string(),
    }),
  ),
});

export const overdueQuery = z.object({ orgId: queryId(), asOf: isoDate.optional() });
export const overdueSchema = z.object({
  asOf: z.string(),
  items: z.array(
    z.object({
      memberId: z.number(),
      code: z.string(),
      fullName: z.string(),
      orgId: z.number(),
      orgName: z.string(),
      admittedOn: z.string(),
      reviewDue: z.string(),
      daysOverdue: z.number(),
    }),
  ),
});

export const createCandidateSchema = z.object({
  orgId: id,
  fullName: z.string().trim().min(2).max(120),
  gender: z.enum(['male', 'female']),
  birthDate: isoDate,
  enterpriseId: id.nullish(),
  isNonStateEnterprise: z.boolean().default(false),
});
export type CreateCandidateInput = z.infer<typeof createCandidateSchema>;

export const candidateStepSchema = z.object({
  step: z.enum(candidateSteps),
  date: isoDate,
  decision: z.string().trim().max(300).nullish(),
  introducerIds: z.array(id).max(2).nullish(),
  version: z.number().int(),
});
export type CandidateStepInput = z.infer<typeof candidateStepSchema>;

export const admitCandidateSchema = z.object({
  date: isoDate,
  code: z
    .string()
    .trim()
    .min(3)
    .max(30)
    .regex(/^[A-Za-z0-9.\-/]+$/, 'Mã đảng viên chỉ gồm chữ không dấu, số, dấu chấm, gạch'),
  version: z.number().int(),
});
export type AdmitCandidateInput = z.infer<typeof admitCandidateSchema>;

export const candidateSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  fullName: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  isNonStateEnterprise: z.boolean(),
  courseDate: z.string().nullable(),
  introductionDate: z.string().nullable(),
  introducers: z.array(z.object({ id: z.number(), fullName: z.string() })),
  cellDecisionDate: z.string().nullable(),
  cellDecision: z.string().nullable(),
  committeeDecisionDate: z.string().nullable(),
  committeeDecision: z.string().nullable(),
  ceremonyDate: z.string().nullable(),
  memberId: z.number().nullable(),
  status: z.enum(['in_progress', 'admitted', 'dropped']),
  missingSteps: z.array(z.enum(candidateSteps)),
  isSample: z.boolean(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});
export type CandidateView = z.infer<typeof candidateSchema>;
export const candidateListQuery = z.object({ orgId: queryId() });
export const candidateListSchema = z.object({ items: z.array(candidateSchema) });

export const ownershipKinds = ['state', 'non_state', 'foreign'] as const;
export const createEnterpriseSchema = z.object({
  orgId: id,
  name: z.string().trim().min(2).max(200),
  taxCode: z
    .string()
    .trim()
    .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 13 với chi nhánh).'),
  ownership: z.enum(ownershipKinds),
  partyOrgId: id.nullish(),
  partyOrgFounded: isoDate.nullish(),
  tradeUnionFounded: isoDate.nullish(),
  youthUnionFounded: isoDate.nullish(),
});
export type CreateEnterpriseInput = z.infer<typeof createEnterpriseSchema>;
export const enterpriseSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  name: z.string(),
  taxCode: z.string(),
  ownership: z.enum(ownershipKinds),
  partyOrgId: z.number().nullable(),
  partyOrgFounded: z.string().nullable(),
  tradeUnionFounded: z.string().nullable(),
  youthUnionFounded: z.string().nullable(),
  isSample: z.boolean(),
  version: z.number(),
});
export type EnterpriseView = z.infer<typeof enterpriseSchema>;
/** Editing an enterprise: everything but the committee that keeps it, with its `version`. */
export const updateEnterpriseSchema = createEnterpriseSchema.omit({ orgId: true }).extend({ version: z.number().int() });
export type UpdateEnterpriseInput = z.infer<typeof updateEnterpriseSchema>;
export const enterpriseListQuery = z.object({ orgId: queryId() });
export const enterpriseListSchema = z.object({ items: z.array(enterpriseSchema) });

export const indicatorCodes = [
  'admitted',
  'admitted_nse',
  'admitted_young',
  'admitted_female',
  'made_official',
  'overdue',
  'transfers_in',
  'transfers_out',
  'removed',
  'party_orgs_nse',
  'union_orgs_nse',
] as const;
export type RegistryIndicator = (typeof indicatorCodes)[number];

export const indicatorsQuery = z.object({ orgId: queryId(), from: isoDate, to: isoDate });
export const indicatorsSchema = z.object({
  orgId: z.number(),
  from: z.string(),
  to: z.string(),
  figures: z.record(z.enum(indicatorCodes), z.number()),
});
export const drillQuery = z.object({ orgId: queryId(), from: isoDate, to: isoDate, indicator: z.enum(indicatorCodes) });
export const drillSchema = z.object({
  indicator: z.enum(indicatorCodes),
  total: z.number(),
  /** People (members) or organizations (enterprises' party and union orgs) behind the number; at most 1.000. */
  items: z.array(z.object({ id: z.number(), label: z.string(), orgName: z.string(), date: z.string() })),
});

/** The periodic statistics table (biểu thống kê đảng viên) of a subtree and period. */
export const statisticsQuery = indicatorsQuery;
const statisticFigures = z.object({
  admitted: z.number(),
  admitted_nse: z.number(),
  admitted_young: z.number(),
  admitted_female: z.number(),
  made_official: z.number(),
  transfers_in: z.number(),
  transfers_out: z.number(),
  removed: z.number(),
  expelled: z.number(),
  resigned: z.number(),
  died: z.number(),
  exempted: z.number(),
  overdue: z.number(),
  party_orgs_nse: z.number(),
  union_orgs_nse: z.number(),
});
export const statisticsSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), orgKind: z.string(), figures: statisticFigures })),
  total: statisticFigures,
});
export type StatisticsView = z.infer<typeof statisticsSchema>;

/** PUT /registry/enterprises/:id: the enterprise as saved and the approved reports its change moved (flagged). */
export const updateEnterpriseResultSchema = z.object({ enterprise: enterpriseSchema, reapprovals: z.array(reapprovalSchema) });

/** The official members of a candidate's cell, who may introduce them. */
export const introducerOptionsSchema = z.object({
  items: z.array(z.object({ id: z.number(), code: z.string(), fullName: z.string() })),
});

/** One row of an events file as the preview reads it: what it will record, or why it cannot. */
export const eventImportRowSchema = z.object({
  row: z.number(),
  kind: z.enum(eventKinds).nullable(),
  kindLabel: z.string().nullable(),
  date: z.string().nullable(),
  memberCode: z.string(),
  memberName: z.string().nullable(),
  orgCode: z.string().nullable(),
  decision: z.string(),
  /** Each problem names its row and column, in Vietnamese. */
  problems: z.array(z.string()),
});

export const eventImportPreviewSchema = z.object({
  /** The file's fingerprint: the confirm sends it back with the same file, and a file is written once. */
  key: z.string(),
  counts: z.object({ total: z.number(), ok: z.number(), error: z.number() }),
  rows: z.array(eventImportRowSchema),
});
export type EventImportPreview = z.infer<typeof eventImportPreviewSchema>;

/** Sent beside the file (multipart field `request`, JSON) to confirm an events import. */
export const eventImportCommitSchema = z.object({ key: z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ; hãy xem trước lại.') });

export const eventImportResultSchema = z.object({ written: z.number() });
export type EventImportResult = z.infer<typeof eventImportResultSchema>;
