// The narration renderer: the Markdown lessons use, and nothing a lesson could use to inject HTML.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lessons';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis, code, lists, headings and fenced code', () => {
    const html = renderMarkdown(
      'A **bold** and *em* and _em2_ with `a < b`.\nSame paragraph.\n\n- one\n- two `x`\n\n1. first\n2. second\n\n### Aside\n\n```python\nif a < b: print("<b>")\n```',
    );
    expect(html).toBe(
      [
        '<p>A <strong>bold</strong> and <em>em</em> and <em>em2</em> with <code>a &lt; b</code>. Same paragraph.</p>',
        '<ul><li>one</li><li>two <code>x</code></li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
        '<h4>Aside</h4>',
        '<pre><code>if a &lt; b: print(&quot;&lt;b&gt;&quot;)</code></pre>',
      ].join('\n'),
    );
  });

  it('renders a table', () => {
    expect(
      renderMarkdown(
        '| | Spark | Flink |\n|---|---|:---:|\n| late | `max − delay` | **dropped** |\n\nAfter.',
      ),
    ).toBe(
      [
        '<table><thead><tr><th></th><th>Spark</th><th>Flink</th></tr></thead><tbody><tr><td>late</td><td><code>max − delay</code></td><td><strong>dropped</strong></td></tr></tbody></table>',
        '<p>After.</p>',
      ].join('\n'),
    );
  });

  it('keeps snake_case and window_end * 2 as text', () => {
    expect(renderMarkdown('window_end and user_id, 2 * 3 * 4')).toBe(
      '<p>window_end and user_id, 2 * 3 * 4</p>',
    );
  });

  it('makes safe links and refuses script URLs', () => {
    expect(renderMarkdown('[guide](https://spark.apache.org/x_y_z.html)')).toBe(
      '<p><a href="https://spark.apache.org/x_y_z.html" rel="noopener noreferrer" target="_blank">guide</a></p>',
    );
    expect(renderMarkdown('[next](#lesson=02-output-modes)')).toBe(
      '<p><a href="#lesson=02-output-modes">next</a></p>',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[x](data:text/html,hi)')).not.toContain('href');
  });

  it('escapes raw HTML everywhere', () => {
    const html = renderMarkdown(
      '<img src=x onerror=alert(1)> **<script>** [<b>](https://a.b/"onmouseover=x)',
    );
    expect(html).not.toMatch(/<(img|script|b)[\s>]/);
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('&lt;img');
  });
});
