import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberIdParamsSchema } from '../../contracts/admin.ts';
import {
  adminUsageSchema,
  alertSeenSchema,
  budgetAlertSchema,
  memberBudgetSchema,
  memberBudgetUpdateSchema,
  myUsageSchema,
  priceTableSchema,
  serverBudgetSchema,
  serverBudgetUpdateSchema,
  usageQuerySchema,
} from '../../contracts/budget.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import {
  exportUsageCsv,
  markAlertsSeen,
  readAdminUsage,
  readMyUsage,
  readServerBudget,
  type UsageDeps,
  unseenAlerts,
  updateMemberBudget,
  updateServerBudget,
} from './usage.ts';

/** Usage for learners (their own) and admins (everyone), budgets and the price table. */
export const budgetRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, config, clock, llm }) => {
  const deps: UsageDeps = { db: database.db, config, clock, prices: llm.meter.prices };
  const admin = { access: 'admin' as const };
  const tags = ['usage'];

  app.get(
    '/api/me/usage',
    {
      schema: {
        tags,
        querystring: usageQuerySchema,
        response: { 200: myUsageSchema },
        description:
          'The signed-in member’s spending for a month (default: the current one, in the server’s TIME_ZONE), what remains, breakdowns by purpose and model, a daily series, and unseen budget alerts. Money in integer micro-dollars.',
      },
    },
    async (request) => readMyUsage(deps, currentSession(request).userId, request.query.month),
  );

  app.get(
    '/api/me/usage/alerts',
    {
      schema: {
        tags,
        response: { 200: z.object({ alerts: z.array(budgetAlertSchema) }) },
        description: 'Budget alerts (50/75/90/100 % of a monthly cap) the member has not dismissed yet.',
      },
    },
    async (request) => ({ alerts: await unseenAlerts(database.db, currentSession(request).userId) }),
  );

  app.post(
    '/api/me/usage/alerts/seen',
    { schema: { tags, body: alertSeenSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await markAlertsSeen(deps, currentSession(request).userId, request.body.ids);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/usage',
    {
      config: admin,
      schema: {
        tags: ['admin', ...tags],
        querystring: usageQuerySchema,
        response: { 200: adminUsageSchema },
      },
    },
    async (request) => readAdminUsage(deps, request.query.month),
  );

  app.get(
    '/api/admin/usage/export.csv',
    {
      config: admin,
      schema: {
        tags: ['admin', ...tags],
        querystring: usageQuerySchema,
        produces: ['text/csv'],
        description: 'Every model call of the month, one ledger row per line.',
      },
    },
    async (request, reply) => {
      const { month, csv } = await exportUsageCsv(deps, request.query.month);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="charla-usage-${month}.csv"`);
      return reply.send(csv);
    },
  );

  app.put(
    '/api/admin/members/:id/budget',
    {
      config: admin,
      schema: {
        tags: ['admin', ...tags],
        params: memberIdParamsSchema,
        body: memberBudgetUpdateSchema,
        response: { 200: z.object({ budget: memberBudgetSchema }) },
        description:
          'Sets a member’s monthly and daily caps in micro-dollars; null uses the server’s default for members.',
      },
    },
    async (request) => ({ budget: await updateMemberBudget(deps, request.params.id, request.body) }),
  );

  app.get(
    '/api/admin/budget',
    { config: admin, schema: { tags: ['admin', ...tags], response: { 200: serverBudgetSchema } } },
    async () => readServerBudget(deps),
  );

  app.put(
    '/api/admin/budget',
    {
      config: admin,
      schema: {
        tags: ['admin', ...tags],
        body: serverBudgetUpdateSchema,
        response: { 200: serverBudgetSchema },
        description:
          'Server-wide monthly cap, policy at a cap (block or downgrade), default caps for members.',
      },
    },
    async (request) => updateServerBudget(deps, request.body),
  );

  app.get(
    '/api/admin/prices',
    { config: admin, schema: { tags: ['admin', ...tags], response: { 200: priceTableSchema } } },
    async () => deps.prices.view(clock.now()),
  );
};
