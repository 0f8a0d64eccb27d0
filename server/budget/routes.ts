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
import { priceOverrideKeySchema, priceOverrideUpdateSchema } from '../../contracts/providers.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { ActiveSession } from '../auth/sessions.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { readDowngradeChain, setDowngradeChain } from './downgrade-chain.ts';
import { type PriceOverrideDeps, removePriceOverride, setPriceOverride } from './price-overrides.ts';
import {
  exportUsageCsv,
  markAlertsSeen,
  readAdminUsage,
  readMyUsage,
  readServerBudget,
  type ServerBudgetDeps,
  unseenAlerts,
  updateMemberBudget,
  updateServerBudget,
} from './usage.ts';

/** Alerts are worded for the member reading them: their language, and a child's words for a child. */
const alertReader = (session: ActiveSession) => ({
  language: session.interfaceLanguage,
  child: session.isChild,
});

/** Usage for learners (their own) and admins (everyone), budgets and the price table. */
export const budgetRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, config, clock, llm }) => {
  const chainDeps = { db: database.db, clock, registry: llm.registry, changes: llm.changes };
  const deps: ServerBudgetDeps = {
    db: database.db,
    config,
    clock,
    prices: llm.prices,
    downgradeChain: () => readDowngradeChain(llm.registry),
    setDowngradeChain: (links) => setDowngradeChain(chainDeps, links),
  };
  const overrides: PriceOverrideDeps = {
    db: database.db,
    clock,
    publish: async () => {
      await llm.changes.publish('prices');
      await llm.reloadPrices();
    },
  };
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
    async (request) => {
      const session = currentSession(request);
      return readMyUsage(deps, session.userId, alertReader(session), request.query.month);
    },
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
    async (request) => {
      const session = currentSession(request);
      return { alerts: await unseenAlerts(deps, session.userId, alertReader(session)) };
    },
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
          'Server-wide monthly cap, policy at a cap (block or downgrade), the cheaper chain a call at a cap goes to under downgrade (set in the app, it wins over BUDGET_DOWNGRADE_CHAIN; an empty list removes it), default caps for members.',
      },
    },
    async (request) => updateServerBudget(deps, request.body),
  );

  app.get(
    '/api/admin/prices',
    { config: admin, schema: { tags: ['admin', ...tags], response: { 200: priceTableSchema } } },
    async () => deps.prices.view(clock.now()),
  );

  app.put(
    '/api/admin/prices/overrides',
    {
      config: admin,
      schema: {
        tags: ['admin', ...tags],
        body: priceOverrideUpdateSchema,
        response: { 200: priceTableSchema },
        description:
          'Sets the price of one provider’s model (USD per million tokens) for new calls, recording who changed it and when; it wins over the dated table and PRICE_OVERRIDES.',
      },
    },
    async (request) => {
      const session = currentSession(request);
      const user = await database.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', session.userId)
        .executeTakeFirstOrThrow();
      await setPriceOverride(overrides, request.body, user.username);
      return deps.prices.view(clock.now());
    },
  );

  app.delete(
    '/api/admin/prices/overrides',
    {
      config: admin,
      schema: {
        tags: ['admin', ...tags],
        body: priceOverrideKeySchema,
        response: { 200: priceTableSchema },
        description: 'Removes an override set in the app: the dated table’s price applies again.',
      },
    },
    async (request) => {
      await removePriceOverride(overrides, request.body);
      return deps.prices.view(clock.now());
    },
  );
};
