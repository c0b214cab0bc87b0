import { AppError, notFound } from '../../lib/errors';

export const memberNotFound = () => notFound({ vi: 'Không tìm thấy đảng viên.', en: 'Member not found.' });
export const orgNotFound = () => notFound({ vi: 'Không tìm thấy tổ chức.', en: 'Organization not found.' });

/** A rule of the registry refused the input: the Vietnamese sentence says why, on `field`. */
export const refused = (message: string, field: string) =>
  new AppError('validation_failed', { vi: message, en: 'The registry refused this change.' }, { fields: [{ field, message }] });
