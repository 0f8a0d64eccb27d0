import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError, forbidden, unauthenticated } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import type { SessionCache } from './session-cache.ts';
import { type ActiveSession, csrfCookieName, findActiveSession, sessionCookieName } from './sessions.ts';

/** Who may call a route. Every `/api` route is `user` unless it says otherwise. */
export type RouteAccess = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * What of another member this route legitimately shows (e.g. scenarios they shared): declared
     * beside the route, read by the generated access tests. Absent: another member's ids are 404.
     */
    shared?: string;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The origin the browser is on must be ours: refuses cross-site form posts to sign-up and login. */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden(msg('errors.unknownOrigin'));
  }
  if (host !== request.headers.host) throw forbidden(msg('errors.crossSite'));
}

export type CookieSettings = { secure: 'auto' | 'true' | 'false'; ttlDays: number };

export function isSecureRequest(request: FastifyRequest, setting: CookieSettings['secure']): boolean {
  return setting === 'true' || (setting === 'auto' && request.protocol === 'https');
}

/** Sets the HttpOnly session cookie and the readable CSRF cookie (double submit). */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: CookieSettings,
  session: { token: string; csrfToken: string; expiresAt: Date },
): void {
  const secure = isSecureRequest(request, settings.secure);
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
  reply.setCookie(sessionCookieName, session.token, { ...common, httpOnly: true });
  reply.setCookie(csrfCookieName, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { path: '/' });
  reply.clearCookie(csrfCookieName, { path: '/' });
}

/**
 * Resolves the session cookie on every API request and enforces the route's access level and,
 * for cookie-authenticated writes, the CSRF token. Roles are checked here, on the server, for
 * every route.
 */
export function registerRequestAuth(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; clock: Clock; sessions?: SessionCache | undefined },
): void {
  const find = (token: string) =>
    deps.sessions ? deps.sessions.find(token) : findActiveSession(deps.db, deps.clock, token);
  app.decorateRequest('session', null);
  // onRequest, before the body is parsed: an anonymous caller gets 401, not a validation error.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? 'user';
    // Only API routes carry access rules: static files are public, and unknown routes reach the 404 handler.
    if (access === 'public' || !request.routeOptions.url?.startsWith('/api/')) return;
    const token = request.cookies[sessionCookieName];
    const session = token ? await find(token) : undefined;
    request.session = session ?? null;
    if (!session) throw unauthenticated();
    if (unsafeMethods.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
        throw new AppError('forbidden', msg('errors.csrf'));
      }
    }
    if (access === 'admin' && session.role !== 'admin') throw forbidden(msg('errors.adminOnly'));
  });
}

/** Reads one cookie from a raw `cookie` header (framework errors arrive before the cookie plugin runs). */
function cookieFromHeader(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * Authenticates a request that Fastify refused before routing (a malformed URL, a path parameter
 * longer than the router accepts): an anonymous caller of an API path gets the same 401 a routed
 * request would, so the shape of a URL is never checked for someone who is not signed in.
 */
export async function refuseUnauthenticatedBeforeRouting(
  request: FastifyRequest,
  deps: { db: Kysely<Database>; clock: Clock },
): Promise<void> {
  if (!request.url.startsWith('/api/')) return;
  const token = cookieFromHeader(request.headers.cookie, sessionCookieName);
  const session = token ? await findActiveSession(deps.db, deps.clock, token) : undefined;
  if (!session) throw unauthenticated();
}

/** The signed-in session of a route that is not public (the hook has already refused anonymous calls). */
export function currentSession(request: FastifyRequest): ActiveSession {
  if (!request.session) throw unauthenticated();
  return request.session;
}
