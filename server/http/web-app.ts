import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Hashed build output: a file's name changes with its content, so a copy never goes stale. */
const immutable = 'public, max-age=31536000, immutable';
/** The page names the current hashed files: always revalidated (cheap, it carries an ETag). */
const revalidate = 'no-cache';
/** Unhashed files from web/public (the favicon): an hour is plenty. */
const shortLived = 'public, max-age=3600';

/** True for a request the built web app's router should answer with index.html. */
export function isWebAppPage(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  // A missing hashed asset is a 404, never the HTML page: a browser holding a page from before an
  // upgrade must see its old script fail, not run HTML as JavaScript.
  return !path.startsWith('/api/') && !path.startsWith('/assets/');
}

function cacheControlFor(path: string): string {
  if (/[\\/]assets[\\/]/.test(path)) return immutable;
  if (/index\.html(\.br|\.gz)?$/.test(path)) return revalidate;
  return shortLived;
}

/**
 * Serves the built web app from `root` like a product: the `.br` and `.gz` copies written at build
 * time (chosen by Accept-Encoding, with `Vary`), hashed assets cached for a year, index.html
 * revalidated on every load. The not-found handler sends index.html for the app's own paths.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
}
