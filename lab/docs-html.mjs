// docs/detect.md as a plain HTML page for the lab (a TV or phone on the LAN may have no
// internet): headings, paragraphs, lists, code blocks and tables, and an anchor per name — the
// first cell of a table row, when it is `code` — so the lab's detect() report links to
// /docs/detect.html#<name>. Only what docs/*.md use; not a general Markdown renderer.
import { readFileSync, existsSync } from 'node:fs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown: `code`, **bold**, [text](url). */
function inline(text) {
  const parts = text.split(/(`[^`]*`)/);
  return parts
    .map((p) => {
      if (/^`[^`]*`$/.test(p)) return '<code>' + esc(p.slice(1, -1)) + '</code>';
      return esc(p)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, t, href) => `<a href="${href.replace(/\.md(#|$)/, '.html$1')}">${t}</a>`);
    })
    .join('');
}

const slug = (s) => s.toLowerCase().replace(/`/g, '').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-');

function cellsOf(line) {
  return line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

export function markdownToHtml(md, title) {
  const lines = md.split('\n');
  const out = [];
  const ids = new Set();
  const anchor = (id) => {
    if (ids.has(id)) return '';
    ids.add(id);
    return ` id="${esc(id)}"`;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      const code = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      out.push('<pre><code>' + esc(code.join('\n')) + '</code></pre>');
    } else if (/^#{1,6} /.test(line)) {
      const level = line.match(/^#+/)[0].length;
      const text = line.slice(level + 1);
      out.push(`<h${level}${anchor(slug(text))}>${inline(text)}</h${level}>`);
    } else if (/^\s*\|/.test(line)) {
      const head = cellsOf(line);
      const rows = [];
      for (i += 2; i < lines.length && /^\s*\|/.test(lines[i]); i++) rows.push(cellsOf(lines[i]));
      i--;
      out.push('<table><tr>' + head.map((h) => '<th>' + inline(h) + '</th>').join('') + '</tr>');
      for (const r of rows) {
        const name = /^`([^`]+)`/.exec(r[0]);
        out.push(`<tr${name ? anchor(name[1]) : ''}>` + r.map((c) => '<td>' + inline(c) + '</td>').join('') + '</tr>');
      }
      out.push('</table>');
    } else if (/^\s*[-*] /.test(line)) {
      const items = [];
      for (; i < lines.length && /^\s*[-*] /.test(lines[i]); i++) {
        let item = lines[i].replace(/^\s*[-*] /, '');
        while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]) && !/^\s*[-*] /.test(lines[i + 1])) item += ' ' + lines[++i].trim();
        items.push('<li>' + inline(item) + '</li>');
      }
      i--;
      out.push('<ul>' + items.join('') + '</ul>');
    } else if (line.trim()) {
      const para = [line];
      while (i + 1 < lines.length && lines[i + 1].trim() && !/^(#|\s*\||```|\s*[-*] )/.test(lines[i + 1])) para.push(lines[++i]);
      out.push('<p>' + inline(para.join(' ')) + '</p>');
    }
  }
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><link rel="stylesheet" href="/docs.css"></head><body>`,
    ...out,
    '</body></html>'
  ].join('\n');
}

/** The page for docs/<name>.md, or null when the file is not there. */
export function docsPage(file, title) {
  if (!existsSync(file)) return null;
  return markdownToHtml(readFileSync(file, 'utf8'), title);
}
