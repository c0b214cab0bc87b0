/**
 * Request and response shapes of the consultation feature (xin ý kiến dự thảo): the editorial
 * group, issued versions, circulation, comments, dispositions, comparison and adoption.
 */
import { z } from 'zod';
import { dispositions, meetingModes, teamRoles } from '../domain/consultation';
import { isoDateOut, timestamp } from './common';
import { queryBoolean, queryPage } from './query-params';

const pathId = z
  .string()
  .regex(/^\d{1,15}$/, 'Mã phải là số nguyên dương.')
  .transform(Number)
  .pipe(z.number().int().positive());
const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-mm-dd');
const text = (max: number, message: string) => z.string().trim().min(1, message).max(max);
const itemKey = z.uuid('Mã mục không hợp lệ.');

export const idParams = z.object({ id: pathId });
export const itemParams = z.object({ id: pathId, key: itemKey });
export const compareQuery = z.object({ from: pathId, to: pathId });
/** The draft's Word file; `lineNumbers=true` numbers its lines so that a comment can cite them. */
/**
 * The grouped comments: without `item`, every group with its counts (and its comments when the
 * draft has few); with `item` (an item's key, or `document` for comments on the whole draft),
 * that group alone with one page of its comments.
 */
export const commentsQuery = z.object({
  item: z.union([itemKey, z.literal('document')]).optional(),
  page: queryPage(),
});
export type CommentsQuery = z.infer<typeof commentsQuery>;
export const draftDocxQuery = z.object({ lineNumbers: queryBoolean().optional() });

export const formTeamSchema = z.object({
  members: z
    .array(z.object({ userId: id, role: z.enum(teamRoles) }))
    .min(1, 'Tổ biên tập cần ít nhất một người.')
    .max(100),
});
export type FormTeamInput = z.infer<typeof formTeamSchema>;

export const issueVersionSchema = z.object({ note: z.string().trim().max(2000).nullish() });

export const circulateSchema = z.object({
  deadline: isoDate,
  orgIds: z.array(id).max(5000).default([]),
  userIds: z.array(id).max(5000).default([]),
  message: z.string().trim().max(4000).nullish(),
});
export type CirculateInput = z.infer<typeof circulateSchema>;

const proposal = {
  itemKey: itemKey.nullish(),
  body: text(10_000, 'Hãy nhập nội dung góp ý.'),
  proposedText: z.string().trim().max(10_000).nullish(),
  proposedValue: z.number().finite().nullish(),
};

export const createCommentSchema = z.object({ recipientId: id, ...proposal });
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

export const conferenceCommentSchema = z.object({
  versionId: id,
  speakerName: text(200, 'Hãy nhập họ tên người phát biểu.'),
  speakerTitle: z.string().trim().max(300).nullish(),
  orgId: id.nullish(),
  ...proposal,
});
export type ConferenceCommentInput = z.infer<typeof conferenceCommentSchema>;

export const disposeSchema = z.object({
  disposition: z.enum(dispositions),
  reason: z.string().trim().max(10_000).nullish(),
  version: z.number().int().positive(),
});
export type DisposeInput = z.infer<typeof disposeSchema>;

export const reviseItemSchema = z.object({
  text: text(20_000, 'Nội dung mục không được để trống.'),
  value: z.number().finite().nullish(),
  version: z.number().int().positive(),
});
export type ReviseItemInput = z.infer<typeof reviseItemSchema>;

export const noteSchema = z.object({ body: text(10_000, 'Hãy nhập nội dung ghi chú.') });

export const adoptSchema = z.object({
  meetingName: text(500, 'Hãy nhập tên hội nghị.'),
  meetingDate: isoDate,
  mode: z.enum(meetingModes),
  bridgePoints: z.array(z.string().trim().min(1).max(200)).max(50_000).default([]),
  attendance: z.number().int().positive().max(1_000_000),
  votesFor: z.number().int().min(0).max(1_000_000),
  votesAgainst: z.number().int().min(0).max(1_000_000),
  votesAbstain: z.number().int().min(0).max(1_000_000),
});
export type AdoptInput = z.infer<typeof adoptSchema>;

export const teamMemberSchema = z.object({ userId: z.number(), fullName: z.string(), role: z.enum(teamRoles) });

export const versionSummarySchema = z.object({
  id: z.number(),
  versionNo: z.number(),
  note: z.string().nullable(),
  issuedAt: timestamp,
  issuedByName: z.string().nullable(),
  itemCount: z.number(),
});

export const recipientSchema = z.object({
  id: z.number(),
  orgId: z.number().nullable(),
  userId: z.number().nullable(),
  name: z.string(),
  answeredAt: timestamp.nullable(),
  state: z.enum(['answered', 'late', 'waiting', 'overdue']),
});

export const roundSchema = z.object({
  id: z.number(),
  versionId: z.number(),
  versionNo: z.number(),
  deadline: isoDateOut,
  message: z.string().nullable(),
  createdAt: timestamp,
  answered: z.number(),
  total: z.number(),
  recipients: z.array(recipientSchema),
});

export const adoptionSchema = z.object({
  meetingName: z.string(),
  meetingDate: isoDateOut,
  mode: z.enum(meetingModes),
  bridgePoints: z.array(z.string()),
  attendance: z.number(),
  votesFor: z.number(),
  votesAgainst: z.number(),
  votesAbstain: z.number(),
  adoptedVersionNo: z.number().nullable(),
});

export const workspaceSchema = z.object({
  document: z.object({
    id: z.number(),
    symbol: z.string(),
    title: z.string(),
    status: z.string(),
    orgId: z.number(),
    orgName: z.string(),
    issueDate: isoDateOut.nullable(),
  }),
  myRole: z.enum(teamRoles).nullable(),
  team: z.array(teamMemberSchema),
  versions: z.array(versionSummarySchema),
  rounds: z.array(roundSchema),
  comments: z.object({ total: z.number(), undisposed: z.number(), pendingApproval: z.number() }),
  /** The draft as it stands (the group's; empty for others), with each item's version for revisions. */
  draft: z.array(
    z.object({
      stableKey: z.string(),
      kind: z.string(),
      text: z.string(),
      value: z.number().nullable(),
      hasValue: z.boolean(),
      version: z.number(),
    }),
  ),
  synthesisPublishedAt: timestamp.nullable(),
  adoption: adoptionSchema.nullable(),
  abilities: z.object({
    formTeam: z.boolean(),
    edit: z.boolean(),
    issue: z.boolean(),
    circulate: z.boolean(),
    dispose: z.boolean(),
    enterConference: z.boolean(),
    publish: z.boolean(),
    adopt: z.boolean(),
  }),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const versionItemSchema = z.object({
  stableKey: z.string(),
  parentKey: z.string().nullable(),
  kind: z.string(),
  ord: z.number(),
  depth: z.number(),
  text: z.string(),
  value: z.number().nullable(),
  valueMin: z.number().nullable(),
  valueMax: z.number().nullable(),
  unit: z.string().nullable(),
});

export const versionDetailSchema = z.object({
  id: z.number(),
  documentId: z.number(),
  documentTitle: z.string(),
  documentSymbol: z.string(),
  versionNo: z.number(),
  note: z.string().nullable(),
  issuedAt: timestamp,
  items: z.array(versionItemSchema),
});
export type VersionDetail = z.infer<typeof versionDetailSchema>;

export const commentSchema = z.object({
  id: z.number(),
  versionId: z.number(),
  versionNo: z.number(),
  itemKey: z.string().nullable(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  authorName: z.string().nullable(),
  source: z.enum(['written', 'conference']),
  speakerName: z.string().nullable(),
  speakerTitle: z.string().nullable(),
  body: z.string(),
  proposedText: z.string().nullable(),
  proposedValue: z.number().nullable(),
  status: z.enum(['pending_approval', 'sent']),
  sentAt: timestamp.nullable(),
  disposition: z.enum(dispositions).nullable(),
  dispositionReason: z.string().nullable(),
  disposedByName: z.string().nullable(),
  disposedAt: timestamp.nullable(),
  version: z.number(),
  createdAt: timestamp,
  canApprove: z.boolean(),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentGroupSchema = z.object({
  itemKey: z.string().nullable(),
  itemText: z.string().nullable(),
  kind: z.string().nullable(),
  ord: z.number().nullable(),
  isRemoved: z.boolean(),
  /** Comments of the group the caller sees, and how many of them wait for a disposition. */
  count: z.number(),
  undisposed: z.number(),
  /** All of them, or one page of them (`commentsQuery`), or none: the counts alone. */
  comments: z.array(commentSchema),
});

export const groupedCommentsSchema = z.object({
  groups: z.array(commentGroupSchema),
  total: z.number(),
  undisposed: z.number(),
  /** Whether every group carries all its comments (few comments, or one group asked for whole). */
  isComplete: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
export type GroupedComments = z.infer<typeof groupedCommentsSchema>;

export const compareSchema = z.object({
  from: z.object({ id: z.number(), versionNo: z.number() }),
  to: z.object({ id: z.number(), versionNo: z.number() }),
  items: z.array(
    z.object({
      stableKey: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'same']),
      kind: z.string(),
      from: versionItemSchema.nullable(),
      to: versionItemSchema.nullable(),
      differences: z.array(z.enum(['text', 'value', 'position'])),
      causes: z.array(commentSchema),
    }),
  ),
});
export type Comparison = z.infer<typeof compareSchema>;

export const inboxSchema = z.object({
  items: z.array(
    z.object({
      recipientId: z.number(),
      roundId: z.number(),
      documentId: z.number(),
      documentTitle: z.string(),
      documentSymbol: z.string(),
      issuerName: z.string(),
      versionId: z.number(),
      versionNo: z.number(),
      deadline: isoDateOut,
      recipientOrgId: z.number().nullable(),
      recipientName: z.string(),
      answeredAt: timestamp.nullable(),
      state: z.enum(['answered', 'late', 'waiting', 'overdue']),
      isGroup: z.boolean(),
    }),
  ),
  /** Drafts whose editorial group the caller is on, or whose group the caller may form. */
  drafts: z.array(
    z.object({ documentId: z.number(), symbol: z.string(), title: z.string(), orgName: z.string(), role: z.enum(teamRoles).nullable() }),
  ),
});
export type Inbox = z.infer<typeof inboxSchema>;

/** People the group may send a draft to (committee members and others holding a role in the issuing org's subtree). */
export const peopleQuery = z.object({ q: z.string().trim().max(100).optional() });
export const peopleSchema = z.object({
  items: z.array(z.object({ userId: z.number(), fullName: z.string(), orgNames: z.string() })),
});
export type People = z.infer<typeof peopleSchema>;

export const noteOutSchema = z.object({ id: z.number(), body: z.string(), authorName: z.string().nullable(), createdAt: timestamp });
export const notesSchema = z.object({ items: z.array(noteOutSchema) });
