// A small, safe Markdown renderer for lesson narration: paragraphs, ### headings, lists, tables,
// fenced code, **strong**, *emphasis*, `code` and [links](url). Everything else is escaped text: a
// lesson can never inject HTML. Links go only to http(s), relative paths or #anchors.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const SAFE_URL = /^(https?:\/\/|#|\.{0,2}\/|[\w-]+(\.[\w-]+)*(\/|$|#))/i;

/** Emphasis on escaped text. */
function emphasis(html: string): string {
  return html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
}

function link(label: string, url: string): string {
  if (/^\s*(javascript|data|vbscript):/i.test(url) || !SAFE_URL.test(url))
    return emphasis(escapeHtml(label));
  const external = /^https?:/i.test(url) ? ' rel="noopener noreferrer" target="_blank"' : '';
  return `<a href="${escapeHtml(url)}"${external}>${emphasis(escapeHtml(label))}</a>`;
}

/** Inline spans on one block's text: code spans and links are cut out first, so a URL or code stays literal. */
export function renderInline(text: string): string {
  return text
    .split(/(`[^`]+`|\[[^\]]+\]\([^)\s]+\))/)
    .map((part) => {
      if (part.length > 1 && part.startsWith('`') && part.endsWith('`'))
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      const l = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
      if (l) return link(l[1] ?? '', l[2] ?? '');
      return emphasis(escapeHtml(part));
    })
    .join('');
}

const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The cells of a table row `| a | b |` (outer pipes optional). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

function table(lines: readonly string[]): string {
  const [head = '', , ...body] = lines;
  const row = (line: string, tag: 'th' | 'td'): string =>
    `<tr>${cells(line)
      .map((c) => `<${tag}>${renderInline(c)}</${tag}>`)
      .join('')}</tr>`;
  return `<table><thead>${row(head, 'th')}</thead><tbody>${body.map((l) => row(l, 'td')).join('')}</tbody></table>`;
}

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** Markdown to HTML (see the header for what is understood). */
export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```'))
        code.push(lines[i++] ?? '');
      i++;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{3,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1] ?? '###').length + 1);
      out.push(`<h${String(level)}>${renderInline(heading[2] ?? '')}</h${String(level)}>`);
      i++;
      continue;
    }
    if (line.includes('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const rows: string[] = [];
      while (i < lines.length && (lines[i] ?? '').includes('|')) rows.push(lines[i++] ?? '');
      out.push(table(rows));
      continue;
    }
    const list = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (list) {
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== '') {
        const m = list.exec(lines[i] ?? '');
        if (m) items.push(m[1] ?? '');
        else if (items.length > 0) items.push(`${items.pop() ?? ''} ${(lines[i] ?? '').trim()}`);
        i++;
      }
      const tag = list === BULLET ? 'ul' : 'ol';
      out.push(`<${tag}>${items.map((t) => `<li>${renderInline(t)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? '').trim() !== '' &&
      !/^\s*(`{3,}|~{3,})/.test(lines[i] ?? '')
    )
      para.push((lines[i++] ?? '').trim());
    out.push(`<p>${renderInline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}
