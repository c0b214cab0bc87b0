import { canEditCatalog as isCatalogEditor, isWithin, rolePermissions, type RoleGrant } from '../../../domain/access/permissions';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { allows, requireAllowed } from '../../lib/policy';
import type { DocumentRow } from './documents.queries';

/**
 * An org edits its own documents: the caller needs documents.write on the issuing org itself.
 * A role higher up reads the subtree's documents but does not rewrite a ward's plan; only an
 * administrator's role reaches down to edit.
 */
export function canWriteDocuments(grants: readonly RoleGrant[], orgPath: string): boolean {
  return grants.some(
    (g) =>
      rolePermissions[g.role].includes('documents.write') &&
      (g.orgPath === orgPath || (g.role === 'admin' && isWithin(orgPath, g.orgPath))),
  );
}

/** What the caller may do with a document, by the rules the services enforce. */
export function documentAbilities(actor: Actor, doc: Pick<DocumentRow, 'orgPath' | 'status' | 'previousVersionId'>) {
  const canWrite = allows(actor, (grants) => canWriteDocuments(grants, doc.orgPath));
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
  requireAllowed(
    allows(actor, (grants) => canWriteDocuments(grants, doc.orgPath)),
    { vi: 'Bạn không có quyền sửa văn bản của tổ chức này.', en: 'You may not change documents of this organization.' },
  );
}

/** Approved means locked: an adopted version is changed only by an amendment, never in place. */
export function requireDraft(doc: Pick<DocumentRow, 'status' | 'symbol'>) {
  if (doc.status !== 'draft') {
    throw new AppError(
      'conflict',
      {
        vi: `Văn bản ${doc.symbol} đã ban hành, không sửa trực tiếp được. Hãy dùng "Bổ sung, điều chỉnh" để tạo phiên bản mới.`,
        en: `Document ${doc.symbol} is adopted and cannot be edited in place. Amend it to create a new version.`,
      },
      { reason: 'document_locked' },
    );
  }
}

/** Tasks are assigned in the name of the org whose document (or whose own list) holds them: the same right as writing its documents. */
export function requireAssignTasks(actor: Actor, assignerPath: string): void {
  requireAllowed(
    allows(actor, (grants) => canWriteDocuments(grants, assignerPath)),
    { vi: 'Bạn không có quyền giao nhiệm vụ thay tổ chức này.', en: 'You may not assign tasks for this organization.' },
  );
}

/** The shared indicator catalog is edited by administrators only (src/domain/access, `canEditCatalog`). */
export function canEditIndicators(actor: Actor): boolean {
  return allows(actor, isCatalogEditor);
}

export function requireEditIndicators(actor: Actor): void {
  requireAllowed(canEditIndicators(actor), {
    vi: 'Danh mục chỉ số dùng chung cho mọi tổ chức; chỉ quản trị hệ thống được sửa. Bạn có thể thêm chỉ số mới.',
    en: 'The indicator catalog is shared; only administrators edit it. You may add a new indicator.',
  });
}
