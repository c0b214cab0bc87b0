import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDatabaseUnavailable, type Db } from './db/pool';
import { registerReadRouting, type ReadRouter } from './db/read-routing';
import { registerAuthHooks } from './lib/auth-hooks';
import { AppError, defaultMessages, httpStatus, isOutOfSpace, type ErrorCode } from './lib/errors';
import { noteOutOfSpace } from './features/health/storage-state';
import { loggerOptions, type LogSettings } from './logging';
import { localeOf, type RouteAccess } from './lib/http';
import { validationMessage, validatorCompiler } from './lib/validation';
import { featureRoutes } from './features';
import { createResponseSerializer } from './lib/serializer';

export type AppOptions = {
  db: Db;
  /** Structured logs (JSON lines, see ./logging); off when absent. */
  logger?: LogSettings;
  trustProxy?: boolean;
  /** Folder of the built web app; not served when absent (API-only tests). */
  webDir?: string | null;
  /**
   * A field an answer carries but its response contract lacks is a 500 instead of being dropped.
   * On under the test runner, so a contract that drifted from its service fails a test.
   */
  strictResponses?: boolean;
  /** Sends lists, dashboards, coverage and exports to replicas (DATABASE_READ_URL); none when absent. */
  readRouter?: ReadRouter | null;
};

export type App = FastifyInstance;
export type RouteEntry = {
  method: string | string[];
  url: string;
  access: RouteAccess | undefined;
  /** The feature whose routes plugin declared the route (`documents`, `apiTokens`…); none outside features. */
  feature?: string;
  /** The route's Zod schemas (params, querystring, body), for tests that walk every id a route takes. */
  schema?: { params?: unknown; querystring?: unknown; body?: unknown; response?: Record<string, unknown> };
};

/** Builds the HTTP app: plugins, one error shape, the auth hooks, every feature's routes. */
export async function buildApp(opts: AppOptions): Promise<{ app: App; routes: RouteEntry[] }> {
  const app = Fastify({
    logger: opts.logger ? loggerOptions(opts.logger) : false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 5 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  const strictResponses = opts.strictResponses ?? process.env.VITEST !== undefined;
  app.setSerializerCompiler(createResponseSerializer({ strict: strictResponses }));

  const routes: RouteEntry[] = [];
  // The same route options object reaches the root's hook and then the feature's (below).
  const entryOf = new WeakMap<object, RouteEntry>();
  app.addHook('onRoute', (r) => {
    const entry: RouteEntry = { method: r.method, url: r.url, access: r.config?.access, schema: r.schema as RouteEntry['schema'] };
    routes.push(entry);
    entryOf.set(r, entry);
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only on answers that came over HTTPS (see the onSend hook): sent over plain HTTP it
    // would pin a LAN install that has no certificate to HTTPS and lock its users out.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (req, reply) => {
    // API answers carry personal data: no browser or proxy may keep a copy.
    if (req.url.startsWith('/api')) reply.header('cache-control', 'no-store');
    // req.protocol is 'https' for a TLS socket, or behind a trusted proxy that says so.
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000; includeSubDomains');
  });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 5 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Resolute API',
        description: 'Đưa Nghị quyết vào cuộc sống — API. Errors: { error: { code, message, details } }.',
        version: '0.1.0',
      },
      security: [{ session: [], csrf: [] }, { bearer: [] }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'resolute_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          // Other systems: `Authorization: Bearer <token>` issued by an administrator (no cookie, no CSRF).
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token for another system: read or read-write on one org subtree, until its expiry.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  registerAuthHooks(app, opts.db);
  registerReadRouting(app, opts.readRouter ?? null);
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const locale = localeOf(req);
    const send = (code: ErrorCode, message: string, details?: unknown) =>
      reply.status(httpStatus(code)).send({ error: { code, message, details: details ?? null } });
    if (err instanceof AppError) {
      return send(err.code, err.text[locale], err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: validationMessage(v, locale),
      }));
      return send('validation_failed', defaultMessages.validation_failed[locale], { fields });
    }
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return send('payload_too_large', defaultMessages.payload_too_large[locale]);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send('bad_request', `${defaultMessages.bad_request[locale]} ${err.message}`);
    }
    if (isOutOfSpace(err)) {
      noteOutOfSpace();
      req.log.error({ err }, 'out of storage space');
      return send('out_of_space', defaultMessages.out_of_space[locale]);
    }
    // A failover or restart of the database: the client may try again in a moment.
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      return send('unavailable', defaultMessages.unavailable[locale]);
    }
    req.log.error({ err }, 'request failed');
    // Under test, an answer that broke its contract says how, so the failing test names the field.
    if (strictResponses && isResponseSerializationError(err))
      return send('internal', defaultMessages.internal[locale], { contract: String(err.cause) });
    return send('internal', defaultMessages.internal[locale]);
  });

  for (const register of featureRoutes) {
    const feature = register.name.replace(/Routes$/, '');
    await app.register(
      async (scope) => {
        scope.addHook('onRoute', (r) => {
          const entry = entryOf.get(r);
          if (entry) entry.feature = feature;
        });
        await scope.register(register, { db: opts.db });
      },
      { prefix: '/api' },
    );
  }

  if (opts.webDir && existsSync(join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.webDir, wildcard: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || !opts.webDir || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'not_found', message: defaultMessages.not_found[localeOf(req)], details: null } });
    }
    // The web app routes on the client: any other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });

  await app.ready();
  return { app, routes };
}
