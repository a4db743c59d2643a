// A page that sends the browser on to `href` at once (a meta refresh, and a link should refresh be disabled). Used
// where a redirect will not do: the web bridge's token exchange (a navigation the page starts is same-site, so the
// Strict cookie goes with it) and the launcher page `npm start` hands the browser (no token on a command line).
export function redirectPage(href: string): string {
  const attribute = href.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=${attribute}">\n<title>Migration Cockpit</title>\n<p>Opening <a href="${attribute}">Migration Cockpit</a>…</p>\n`;
}
