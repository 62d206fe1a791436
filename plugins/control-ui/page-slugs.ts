/**
 * The dashboard's pages, as URL path segments under `basePath`. Shared by the server (which
 * answers these paths with the app shell) and the app (its router). The first is the home page.
 */
export const PAGE_SLUGS = [
  'overview',
  'chat',
  'channels',
  'sessions',
  'cron',
  'nodes',
  'config',
  'plugins',
  'logs',
] as const;

export type PageSlug = (typeof PAGE_SLUGS)[number];
