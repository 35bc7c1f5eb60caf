/**
 * explain.html's own sections: per outcome, what the command line prints (each component's
 * contribution with its 95% interval, with a posterior its interval with the assumptions uncertain
 * too, what it does alone, the sum, and the notable interactions), as tables in the colours of
 * src/charts/better.ts.
 */
import { betterDirection, intervalVerdict } from '../charts/better.ts';
import { outcomeTitle } from '../experiment/compare.ts';
import type { Explanation, OutcomeAttribution } from '../experiment/explain.ts';
import { formatDifference, formatNumber } from './format.ts';
import { WIDER_HEADING } from './html.ts';

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The notable interactions of an outcome in words, as the command line prints them. */
export function interactionNotes(o: OutcomeAttribution): string[] {
  const d = (v: number) => formatDifference(v, o.unit);
  return o.interactions
    .filter((x) => x.notable)
    .map((i) => {
      const [first, second] = i.components;
      return (
        `${first} and ${second} together: ${d(i.interaction.mean)} [${d(i.interaction.lo)}, ${d(i.interaction.hi)}] beyond the sum of each alone ` +
        `(${first} alone ${d(i.alone[0].mean)}, ${second} alone ${d(i.alone[1].mean)})`
      );
    });
}

/**
 * The line heading an outcome: "Incidents: baseline 300 → meshclaw 900, difference +600 [+575, +625]",
 * and with a posterior "; with assumptions [+300, +1,100]".
 */
export function outcomeHeading(e: Explanation, o: OutcomeAttribution): string {
  const d = (v: number) => formatDifference(v, o.unit);
  const wider = o.withAssumptions ? `; with assumptions [${d(o.withAssumptions.difference.lo)}, ${d(o.withAssumptions.difference.hi)}]` : '';
  return `${outcomeTitle(o)}: ${e.against} ${formatNumber(o.baseline.mean, o.unit)} → ${e.scenario} ${formatNumber(o.target.mean, o.unit)}, difference ${d(o.difference.mean)} [${d(o.difference.lo)}, ${d(o.difference.hi)}]${wider}`;
}

function outcomeSection(e: Explanation, o: OutcomeAttribution): string {
  const d = (v: number) => formatDifference(v, o.unit);
  const direction = betterDirection(o.outcome);
  const sampled = e.method === 'sampled';
  const drawn = e.particles !== undefined;
  const cell = (label: string, value: { mean: number; lo: number; hi: number }, withInterval: boolean) => {
    const verdict = intervalVerdict(direction, value);
    const interval = withInterval ? ` <small>[${d(value.lo)}, ${d(value.hi)}]</small>` : '';
    return `<td data-label="${label}" class="verdict-${verdict}" data-verdict="${verdict}"><b>${d(value.mean)}</b>${interval}</td>`;
  };
  const rows = o.contributions.map(
    (c) =>
      `<tr><th data-label="Component">${escapeHtml(c.component)}</th>${cell('Contribution [95% interval]', c.shapley, true)}` +
      (drawn ? widerCell(c.withAssumptions!, o.unit, direction) : '') +
      (sampled ? `<td data-label="± sampling">${o.unit === 'share' ? `${(100 * c.samplingError).toFixed(1)} pts` : formatNumber(c.samplingError, o.unit)}</td>` : '') +
      `${cell('Alone [95% interval]', c.alone, true)}</tr>`,
  );
  rows.push(`<tr class="sum"><th data-label="Component">sum</th><td data-label="Contribution">${d(o.sum)} = difference ${d(o.difference.mean)}</td>${drawn ? '<td></td>' : ''}${sampled ? '<td></td>' : ''}<td></td></tr>`);
  const head = `<thead><tr><th>Component</th><th>Contribution [95% interval]</th>${drawn ? `<th>${WIDER_HEADING}</th>` : ''}${sampled ? '<th>± sampling</th>' : ''}<th>Alone [95% interval]</th></tr></thead>`;
  const notes = interactionNotes(o);
  const noteList = notes.length > 0 ? `<ul class="notes">${notes.map((n) => `<li>Note: ${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return `<h3>${escapeHtml(outcomeHeading(e, o))}</h3>\n<table class="stack attribution" data-outcome="${escapeHtml(o.outcome)}">${head}<tbody>${rows.join('\n')}</tbody></table>${noteList}`;
}

/** A contribution's interval with the assumptions uncertain, coloured by what it tells for certain. */
function widerCell(value: { lo: number; hi: number; mean: number }, unit: string, direction: ReturnType<typeof betterDirection>): string {
  const d = (v: number) => formatDifference(v, unit);
  const verdict = intervalVerdict(direction, value);
  return `<td data-label="${WIDER_HEADING}" class="verdict-${verdict}" data-verdict="${verdict}">[${d(value.lo)}, ${d(value.hi)}]</td>`;
}

/** The attribution of every outcome, as one section of explain.html. */
export function explanationSections(e: Explanation): { title: string; html: string }[] {
  const seeds = e.seeds.length;
  const intro =
    `<p>Each component's contribution (Shapley value${e.method === 'sampled' ? `, ${e.permutations} sampled orders a seed` : ''}) and what it does alone on ${escapeHtml(e.against)}; ` +
    `${e.runs} runs, ${seeds} seed${seeds === 1 ? '' : 's'}, intervals 95% over seeds; differences of shares in percentage points (pts). ` +
    `When contribution and alone differ, the component acts through others.</p>` +
    (e.particles
      ? `<p>Every combination also ran with each seed's parameters drawn from a posterior, the same draw in all of them: the column "${WIDER_HEADING}" gives the central 95% of the seeds' contributions, which covers the uncertain assumptions as well as chance.</p>`
      : '');
  return [{ title: 'What the difference comes from', html: intro + e.outcomes.map((o) => outcomeSection(e, o)).join('\n') }];
}
