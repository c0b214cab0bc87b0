import { isWithin, rolePermissions, type RoleGrant } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import type { DocumentRow } from './documents.queries';

/**
 * An org edits its own documents: the caller needs documents.write on the issuing org itself.
 * A role higher up reads the subtree's documents but does not rewrite a ward's plan; only an
 * administrator's role reaches down to edit.
 */
export function canWriteDocuments(grants: readonly RoleGrant[], orgPath: string): boolean {
  return grants.some(
    (g) => rolePermissions[g.role].includes('documents.write') && (g.orgPath === orgPath || (g.role === 'admin' && isWithin(orgPath, g.orgPath))),
  );
}

/** What the caller may do with a document, by the rules the services enforce. */
export function documentAbilities(actor: Actor, doc: Pick<DocumentRow, 'orgPath' | 'status' | 'previousVersionId'>) {
  const canWrite = actor.userId === null || canWriteDocuments(actor.grants, doc.orgPath);
  const isDraft = doc.status === 'draft';
  return {
    update: canWrite && isDraft,
    adopt: canWrite && isDraft,
    amend: canWrite && doc.status === 'adopted',
    expire: canWrite && doc.status === 'adopted',
    delete: canWrite && isDraft,
    link: canWrite && (doc.status === 'draft' || doc.status === 'adopted'),
    attach: canWrite && doc.status !== 'amended',
    assignTasks: canWrite && (doc.status === 'draft' || doc.status === 'adopted'),
  };
}

/** 403 for a document the caller can read but not change. */
export function requireDocumentWrite(actor: Actor, doc: Pick<DocumentRow, 'orgPath'>) {
  if (actor.userId !== null && !canWriteDocuments(actor.grants, doc.orgPath)) {
    throw new AppError('forbidden', { vi: 'Bạn không có quyền sửa văn bản của tổ chức này.', en: 'You may not change documents of this organization.' });
  }
}

/** Approved means locked: an adopted version is changed only by an amendment, never in place. */
export function requireDraft(doc: Pick<DocumentRow, 'status' | 'symbol'>) {
  if (doc.status !== 'draft') {
    throw new AppError('conflict', {
      vi: `Văn bản ${doc.symbol} đã ban hành, không sửa trực tiếp được. Hãy dùng "Bổ sung, điều chỉnh" để tạo phiên bản mới.`,
      en: `Document ${doc.symbol} is adopted and cannot be edited in place. Amend it to create a new version.`,
    }, { reason: 'document_locked' });
  }
}
