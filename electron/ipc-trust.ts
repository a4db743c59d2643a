// Which pages are "ours". Pure functions (no electron import) so they are unit-tested without an Electron binary.
//
// An allowed entry is a URL. One ending in '/' admits every page under that path of its origin (the app's own
// scheme, the Vite dev server); any other entry admits exactly that page (a single file:// document).
// Query and fragment never matter; credentials in the URL never match.

export function isAppUrl(candidate: string | undefined, allowedUrls: readonly string[]): boolean {
  const url = parse(candidate);
  if (!url || url.username !== '' || url.password !== '') return false;
  return allowedUrls.some((entry) => {
    const allowed = parse(entry);
    if (!allowed || allowed.protocol !== url.protocol || allowed.host !== url.host) return false;
    return allowed.pathname.endsWith('/') ? url.pathname.startsWith(allowed.pathname) : url.pathname === allowed.pathname;
  });
}

/**
 * Whether an IPC message may be answered: it must come from the top-level frame of our window (never an
 * iframe), and that frame must currently show one of our pages. `frameUrl` is undefined when the sending frame
 * is already gone (navigated away or destroyed), which is never trusted.
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, allowedUrls: readonly string[]): boolean {
  return isMainFrame && isAppUrl(frameUrl, allowedUrls);
}

function parse(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    // The WHATWG parser also normalises '..' segments, so a path cannot climb out of an allowed folder.
    return new URL(value);
  } catch {
    return undefined;
  }
}
