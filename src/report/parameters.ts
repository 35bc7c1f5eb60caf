/**
 * The parameters of a model and what their defaults rest on, as text for a terminal, as Markdown for
 * docs/MODEL.md, and the list of sources those cite. Pure: the command line and `npm run docs` write them.
 */
import { SOURCES } from '../scenario/sources.ts';
import { showBasis, showRange, showValue, type Parameter } from '../sim/parameters.ts';

/** One line per parameter, columns aligned: path, value, unit, range, and what it rests on. */
export function parametersText(params: readonly Parameter[]): string {
  const rows = params.map((p) => [p.path, showValue(p.value), p.evidence?.unit ?? '', p.evidence ? showRange(p.evidence) : '', showBasis(p.evidence)]);
  const header = ['parameter', 'value', 'unit', 'range', 'source or assumption'];
  const widths = header.slice(0, 4).map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]) : cell)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A Markdown table of the parameters, with the kind of evidence of each in words. */
export function parametersMarkdown(params: readonly Parameter[]): string {
  const lines = ['| parameter | default | unit | range | source or assumption |', '|---|---|---|---|---|'];
  for (const p of params) {
    const e = p.evidence;
    lines.push(`| \`${p.path}\` | ${escapeCell(showValue(p.value))} | ${escapeCell(e?.unit ?? '')} | ${e ? showRange(e) : ''} | ${escapeCell(showBasis(e))} |`);
  }
  return lines.join('\n') + '\n';
}

/** The sources the parameters cite, by key, with their citations. */
export function sourcesMarkdown(): string {
  return (
    Object.entries(SOURCES)
      .map(([key, s]) => `- **${key}**: ${s.citation}${'where' in s && s.where ? `, ${s.where}` : ''}${'summary' in s && s.summary ? ' (read from a summary)' : ''}.`)
      .join('\n') + '\n'
  );
}

/** Counts of parameters by kind of evidence: how much of the model rests on published figures. */
export function evidenceCounts(params: readonly Parameter[]): Record<'sourced' | 'assumed' | 'chosen' | 'missing', number> {
  const counts = { sourced: 0, assumed: 0, chosen: 0, missing: 0 };
  for (const p of params) counts[p.evidence?.kind ?? 'missing']++;
  return counts;
}
