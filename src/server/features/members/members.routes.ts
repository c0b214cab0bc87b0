import type { FastifyPluginAsync } from 'fastify';
import { formatVnDate, vnToday } from '../../../domain/vn-time';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryId } from '../../../contracts/query-params';
import type { FeatureOptions } from '../index';
import { genderLabels, memberStatusLabels } from '../../../domain/members/member-fields';
import { AppError } from '../../lib/errors';
import { readMultipart } from '../../lib/upload';
import { actorOf, sendFile, XLSX_TYPE } from '../../lib/http';
import { readDb } from '../../db/read-routing';
import { buildSheet } from '../../lib/xlsx';
import {
  createMemberSchema,
  importCommitSchema,
  importPreviewSchema,
  importRowSchema,
  importRowsQuery,
  listMembersQuery,
  memberPageSchema,
  memberSchema,
  transferMemberSchema,
  updateMemberSchema,
} from '../../../contracts/members';
import { commitImport, findImportRows, previewImport } from './members.import';
import { memberSheetColumns } from './members.sheet';
import { createMember, findMembers, findMembersForExport, getMember, transferMember, updateMember } from './members.service';
import { fileResponse } from '../../../contracts/common';

const idParams = z.object({ id: queryId() });
const importParams = z.object({ importId: z.uuid() });

export const membersRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  const read = { access: 'members.read' as const };
  const write = { access: 'members.write' as const };

  app.get(
    '/members',
    {
      config: read,
      schema: { tags, summary: 'Members of the caller’s scope, paged', querystring: listMembersQuery, response: { 200: memberPageSchema } },
    },
    async (req) => findMembers(readDb(req, db), actorOf(req), req.query),
  );

  app.get(
    '/members/export',
    {
      config: { ...read, auditExport: 'members' },
      schema: {
        tags,
        summary: 'The filtered member list as .xlsx',
        querystring: listMembersQuery,
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (req, reply) => {
      const rows = await findMembersForExport(readDb(req, db), actorOf(req), req.query);
      const body = await buildSheet(
        'Đảng viên',
        [...memberSheetColumns],
        rows.map((m) => ({
          ...m,
          gender: genderLabels[m.gender].vi,
          birthDate: formatVnDate(m.birthDate),
          joinedDate: formatVnDate(m.joinedDate),
          status: memberStatusLabels[m.status].vi,
          nonState: m.isNonStateEnterprise ? 'Có' : '',
        })),
      );
      return sendFile(reply, body, `danh-sach-dang-vien-${vnToday()}.xlsx`, XLSX_TYPE);
    },
  );

  app.get(
    '/members/import-template',
    {
      config: read,
      schema: {
        tags,
        summary: 'An empty import sheet with an example row',
        response: { 200: fileResponse('An .xlsx workbook', XLSX_TYPE) },
      },
    },
    async (_req, reply) => {
      const body = await buildSheet(
        'Đảng viên',
        [...memberSheetColumns],
        [
          {
            code: '79.0000001',
            fullName: 'Nguyễn Văn An',
            gender: 'Nam',
            birthDate: '15/03/1985',
            joinedDate: '03/02/2010',
            status: 'Chính thức',
            orgCode: '(mã chi bộ)',
            orgName: '(có thể bỏ trống)',
            nonState: '',
            phone: '0912345678',
            email: '',
          },
        ],
      );
      return sendFile(reply, body, 'mau-nhap-dang-vien.xlsx', XLSX_TYPE);
    },
  );

  app.get(
    '/members/:id',
    { config: read, schema: { tags, summary: 'One member', params: idParams, response: { 200: memberSchema } } },
    async (req) => getMember(db, actorOf(req), req.params.id),
  );

  app.post(
    '/members',
    { config: write, schema: { tags, summary: 'Add a member to a cell', body: createMemberSchema, response: { 201: memberSchema } } },
    async (req, reply) => reply.status(201).send(await createMember(db, actorOf(req), req.body)),
  );

  app.patch(
    '/members/:id',
    {
      config: write,
      schema: { tags, summary: 'Edit a member', params: idParams, body: updateMemberSchema, response: { 200: memberSchema } },
    },
    async (req) => updateMember(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/members/:id/transfer',
    {
      config: write,
      schema: {
        tags,
        summary: 'Transfer a member to another cell',
        params: idParams,
        body: transferMemberSchema,
        response: { 200: memberSchema },
      },
    },
    async (req) => transferMember(db, actorOf(req), req.params.id, req.body.version, req.body.toOrgId),
  );

  app.post(
    '/members/import/preview',
    {
      config: write,
      schema: {
        tags,
        summary: 'Upload an .xlsx (multipart: orgId, then file) and preview what it would change',
        consumes: ['multipart/form-data'],
        response: { 200: importPreviewSchema },
      },
    },
    async (req) => {
      const { fields: sent, file } = await readMultipart(req);
      const orgId = sent.orgId ? Number(sent.orgId) : null;
      const fields: { field: string; message: string }[] = [];
      if (!orgId || !Number.isInteger(orgId) || orgId <= 0)
        fields.push({ field: 'body.orgId', message: 'Hãy chọn tổ chức nhận đảng viên.' });
      if (!file || file.buffer.length === 0) fields.push({ field: 'body.file', message: 'Hãy chọn tệp .xlsx.' });
      if (fields.length > 0)
        throw new AppError(
          'validation_failed',
          { vi: fields.map((f) => f.message).join(' '), en: 'orgId and file are required.' },
          { fields },
        );
      return previewImport(db, actorOf(req), orgId!, file!.name, file!.buffer);
    },
  );

  app.get(
    '/members/import/:importId/rows',
    {
      config: write,
      schema: {
        tags,
        summary: 'Page through a preview’s rows',
        params: importParams,
        querystring: importRowsQuery,
        response: { 200: z.object({ items: z.array(importRowSchema), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => findImportRows(db, actorOf(req), req.params.importId, req.query.filter, req.query.page, req.query.pageSize),
  );

  app.post(
    '/members/import/:importId/commit',
    {
      config: write,
      schema: { tags, summary: 'Write a previewed import: all rows or none', params: importParams, response: { 200: importCommitSchema } },
    },
    async (req) => commitImport(db, actorOf(req), req.params.importId),
  );
};
