import { PAGE_SLUGS, type PageSlug } from '../page-slugs.js';

/**
 * Path routing under the base path the server put in `<meta name="moltbot-base">`: `/chat`,
 * `/config`… (the server answers each page path with the shell, so reloads and links work).
 */
export function basePath(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="moltbot-base"]')?.content ?? '/';
  return meta.endsWith('/') ? meta : `${meta}/`;
}

export function pageHref(slug: PageSlug): string {
  return slug === PAGE_SLUGS[0] ? basePath() : `${basePath()}${slug}`;
}

export function currentSlug(): PageSlug {
  const base = basePath();
  const path = window.location.pathname;
  const rest = path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
  const slug = rest.split('/')[0] ?? '';
  return (PAGE_SLUGS as readonly string[]).includes(slug) ? (slug as PageSlug) : PAGE_SLUGS[0];
}

export function navigate(slug: PageSlug): void {
  const href = pageHref(slug);
  if (window.location.pathname !== href) window.history.pushState({}, '', href);
  window.dispatchEvent(new Event('mb-navigate'));
}

/** Let a click on an in-app link route without a page load (plain left clicks only). */
export function interceptLinkClick(ev: MouseEvent, slug: PageSlug): void {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  navigate(slug);
}
