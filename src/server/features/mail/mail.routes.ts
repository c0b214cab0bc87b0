import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FeatureOptions } from '../index';
import { actorOf } from '../../lib/http';
import { findOutbox } from './mail-outbox.service';
import { outboxResponse } from '../../../contracts/mail';

/** The outbox: mail the app sends (reminders, invitations), readable here even without SMTP settings. */
export const mailRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/mail-outbox',
    {
      config: { access: 'mail.read' },
      schema: {
        tags: ['mail'],
        summary: 'Mail about orgs of the caller’s scope, newest first (read it here without SMTP settings)',
        response: { 200: outboxResponse },
      },
    },
    async (req) => findOutbox(db, actorOf(req)),
  );
};
