// A page that sends the browser on to `href` at once (a meta refresh, and a link should refresh be disabled). Used
// where a redirect will not do: the web bridge's token exchange (a navigation the page starts is same-site, so the
// Strict cookie goes with it) and the launcher page `npm start` hands the browser (no token on a command line).
// `icon`: the page's icon where there is one to name (the bridge's own), so the browser does not ask for a
// /favicon.ico that is not there (a 404 in the console of the page it opens).
export function redirectPage(href: string, icon?: string): string {
  const attribute = href.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const iconLink = icon ? `<link rel="icon" type="image/svg+xml" href="${icon}">\n` : '';
  return `<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=${attribute}">\n${iconLink}<title>Migration Cockpit</title>\n<p>Opening <a href="${attribute}">Migration Cockpit</a>…</p>\n`;
}
