import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FeatureOptions } from '../../index';
import { localeOf } from '../../../lib/http';
import { CheckinDesk, getCheckinInfo } from './checkin.service';
import { checkinBody, checkinInfo, checkinResult, tokenSchema } from '../../../../contracts/study-checkin';

/**
 * The QR check-in: public routes with their own authentication, a signed token naming the
 * session and point, plus the member's code or their logged-in session.
 */
export const checkinRoutes: FastifyPluginAsync<FeatureOptions> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['study'];
  const desk = new CheckinDesk(db);
  app.addHook('onClose', async () => desk.close());

  app.get(
    '/study/checkin/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The session and bridge point behind a QR code',
        params: z.object({ token: tokenSchema }),
        response: { 200: checkinInfo },
      },
    },
    async (req) => getCheckinInfo(db, req.params.token),
  );

  app.post(
    '/study/checkin',
    {
      config: { access: 'public' },
      // The hottest route of the product answers small JSON to a script, never a page: the
      // browser-page headers (CSP and the rest, rebuilt per response) cost more than the write.
      // The two that matter for JSON are set by hand below.
      helmet: false,
      schema: {
        tags,
        summary: 'Check in at a bridge point by its QR token, once per member whatever the retries',
        description:
          "Identify with memberCode and personalCode, or be logged in as a member. The name is answered only to the member's own session. Answered after the check-in is committed. Errors carry details.reason.",
        body: checkinBody,
        response: { 200: checkinResult },
      },
    },
    async (req, reply) => {
      void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
      return desk.checkIn(
        {
          token: req.body.token,
          memberCode: req.body.memberCode ?? null,
          personalCode: req.body.personalCode ?? null,
          sessionMemberId: req.actor?.memberId ?? null,
          ip: req.ip,
        },
        localeOf(req),
      );
    },
  );
};
