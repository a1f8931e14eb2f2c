// Lessons as data: parsing and checking lessons/*/index.md, probes on the engine's output for a
// step, answer checks, and the narration's Markdown. Pure: no DOM, no worker, no storage.
export * from './types';
export { parseLesson } from './parse-lesson';
export { evaluateProbe, stepOutput, fateName, type StepOutput, type Probed } from './probe';
export { probeScenario } from './run-probe';
export { goalMet, isRightChoice, isRightNumber, readNumber, rightChoices } from './answer';
export { highlightedRows } from './highlight';
export { escapeHtml, renderMarkdown } from './markdown';
