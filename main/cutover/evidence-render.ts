// The evidence pack rendered for people: Markdown for a change ticket, and a self-contained HTML page to print
// (no scripts, no remote anything). The document itself is built by evidence.ts.
import type { EvidenceSection } from '../seam/evidence-part';

/** The pack as sections, before it is rendered. */
export interface EvidenceDocument {
  readonly title: string;
  readonly sections: EvidenceSection[];
}

export function renderMarkdown(doc: EvidenceDocument): string {
  const cell = (text: string) => escapeMarkdown(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>') || ' ';
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const section of doc.sections) {
    out.push(`${'#'.repeat(section.level)} ${escapeMarkdown(section.title)}`, '');
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'p':
          out.push(escapeMarkdown(block.text), '');
          break;
        case 'kv':
          for (const [key, value] of block.rows) out.push(`- **${escapeMarkdown(key)}:** ${escapeMarkdown(value).replace(/\r?\n/g, ' ')}`);
          out.push('');
          break;
        case 'table':
          out.push(`| ${block.head.map(cell).join(' | ')} |`, `| ${block.head.map(() => '---').join(' | ')} |`);
          for (const row of block.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
          out.push('');
          break;
        case 'pre': {
          const fence = '`'.repeat(Math.max(3, ...[...block.text.matchAll(/`+/g)].map((match) => match[0].length + 1)));
          out.push(fence, block.text, fence, '');
          break;
        }
      }
    }
  }
  return out.join('\n');
}

/** Markdown text that renders as itself: HTML and Markdown syntax characters escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/([\\`*_[\]#])/g, '\\$1');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PRINT_CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.05rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9em; }
th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
/* Long values (ARNs, URLs, paths, reasons) break anywhere, so a table never runs off the page; each column keeps
   room for a whole short word ("succeeded", "Attempt"), so words are not cut mid-letter where a long value squeezes
   its neighbours. Headers wrap between words only. */
td { overflow-wrap: anywhere; min-width: 11ch; }
th { overflow-wrap: normal; word-break: normal; min-width: 6ch; }
th { background: #eee; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; border: 1px solid #ccc; padding: .6rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  table, pre, dl { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  @page { size: A4 landscape; margin: 12mm; }
}`;

export function renderHtml(doc: EvidenceDocument): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No scripts, no remote content: the pack is a document, and it opens anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${PRINT_CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
  ];
  for (const section of doc.sections) {
    out.push(`<section><h${section.level}>${escapeHtml(section.title)}</h${section.level}>`);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'p':
          out.push(`<p>${escapeHtml(block.text)}</p>`);
          break;
        case 'kv':
          out.push(`<dl>${block.rows.map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`);
          break;
        case 'table':
          out.push(
            `<table><thead><tr>${block.head.map((head) => `<th>${escapeHtml(head)}</th>`).join('')}</tr></thead><tbody>${block.rows
              .map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value).replace(/\r?\n/g, '<br>')}</td>`).join('')}</tr>`)
              .join('')}</tbody></table>`,
          );
          break;
        case 'pre':
          out.push(`<pre>${escapeHtml(block.text)}</pre>`);
          break;
      }
    }
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
