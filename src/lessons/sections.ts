// Splits a lesson's body into the introduction and its steps: each `## ` heading (outside fenced
// code) starts a step; the first fenced block with info string `step` holds the step's JSON.

export interface RawStep {
  readonly title: string;
  /** The `step` block's text, or null when the section has none. */
  readonly json: string | null;
  /** The section without its heading and its `step` block. */
  readonly narration: string;
}

export interface RawLesson {
  readonly intro: string;
  readonly steps: readonly RawStep[];
}

const FENCE = /^(\s{0,3})(`{3,}|~{3,})\s*([\w-]*)/;

export function splitSections(body: string): RawLesson {
  const intro: string[] = [];
  const sections: { title: string; lines: string[] }[] = [];
  let fence: string | null = null;
  for (const line of body.split('\n')) {
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[2] ?? '';
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence[0] ?? '') && marker.length >= fence.length) fence = null;
    } else if (fence === null && line.startsWith('## ')) {
      sections.push({ title: line.slice(3).trim(), lines: [] });
      continue;
    }
    (sections.at(-1)?.lines ?? intro).push(line);
  }
  return {
    intro: intro.join('\n').trim(),
    steps: sections.map((s) => stepOf(s.title, s.lines)),
  };
}

/** Takes the first ```step block out of a section. */
function stepOf(title: string, lines: readonly string[]): RawStep {
  const start = lines.findIndex((l) => {
    const f = FENCE.exec(l);
    return f !== null && f[3] === 'step';
  });
  if (start === -1) return { title, json: null, narration: lines.join('\n').trim() };
  const marker = FENCE.exec(lines[start] ?? '')?.[2] ?? '```';
  let end = start + 1;
  while (end < lines.length) {
    const f = FENCE.exec(lines[end] ?? '');
    if (f && (f[2] ?? '').startsWith(marker) && (f[3] ?? '') === '') break;
    end++;
  }
  return {
    title,
    json: lines.slice(start + 1, end).join('\n'),
    narration: [...lines.slice(0, start), ...lines.slice(end + 1)].join('\n').trim(),
  };
}
