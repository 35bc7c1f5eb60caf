/**
 * The levers of one scenario as form controls: built once from the levers of levers.ts, then put at the
 * values of the scenario on screen after every change. Every control has a label, its value in
 * words and a one-line explanation, and works from the keyboard (sliders: arrows, Home, End).
 */
import type { Scenario, PageLimits } from '../../src/browser.ts';
import { leverGroups, withMean, type Distribution, type Lever } from './levers.ts';

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

export function leverId(prefix: string, lever: Lever): string {
  return `${prefix}-${lever.path.replaceAll('.', '-')}`;
}

/** The override a control's position stands for: a number, a flag, or a whole distribution. */
export function leverOverride(lever: Lever, input: HTMLInputElement, scenario: Scenario | undefined): unknown {
  if (lever.kind === 'flag') return input.checked;
  if (lever.kind === 'mean') return withMean(valueAt(scenario, lever.path) as Distribution, Number(input.value));
  return Number(input.value);
}

/** Builds the controls of every lever into `container`; `onChange` gets each lever moved and its override. */
export function buildControls(container: HTMLElement, prefix: string, limits: PageLimits, onChange: (lever: Lever, input: HTMLInputElement) => void): void {
  for (const group of leverGroups(limits)) {
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = group.title;
    fieldset.append(legend);
    for (const lever of group.levers) {
      const id = leverId(prefix, lever);
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = lever.label;
      const output = document.createElement('output');
      output.id = `${id}-value`;
      output.htmlFor.add(id);
      const input = document.createElement('input');
      input.id = id;
      input.setAttribute('aria-describedby', `${id}-help`);
      if (lever.kind === 'flag') input.type = 'checkbox';
      else {
        input.type = 'range';
        input.min = String(lever.min);
        input.max = String(lever.max);
        input.step = String(lever.step);
      }
      input.addEventListener(lever.kind === 'flag' ? 'change' : 'input', () => onChange(lever, input));
      const help = document.createElement('p');
      help.className = 'help';
      help.id = `${id}-help`;
      help.textContent = lever.help;
      const head = document.createElement('div');
      head.className = 'lever-head';
      head.append(label, output);
      const row = document.createElement('div');
      row.className = `lever lever-${lever.kind}`;
      row.append(head, input, help);
      fieldset.append(row);
    }
    container.append(fieldset);
  }
}

/**
 * Puts each control at the scenario's value (all but the one in the user's hand) and says it in words.
 * The levers of a policy that is off (its flag unticked) are disabled: moving them would change nothing.
 */
export function syncControls(prefix: string, limits: PageLimits, scenario: Scenario): void {
  for (const group of leverGroups(limits)) {
    const flag = group.levers.find((l) => l.kind === 'flag');
    const off = flag !== undefined && valueAt(scenario, flag.path) !== true;
    for (const lever of group.levers) {
      const control = document.getElementById(leverId(prefix, lever)) as HTMLInputElement;
      if (lever !== flag) {
        control.disabled = off;
        control.closest('.lever')?.classList.toggle('lever-off', off);
        if (off) control.title = `${flag!.label} is off`;
        else control.removeAttribute('title');
      }
      const input = document.getElementById(leverId(prefix, lever)) as HTMLInputElement;
      const output = document.getElementById(`${leverId(prefix, lever)}-value`) as HTMLOutputElement;
      const raw = valueAt(scenario, lever.path);
      const value = lever.kind === 'mean' ? (raw as Distribution).mean : raw;
      if (lever.kind === 'flag') {
        input.checked = value === true;
        output.textContent = value === true ? 'on' : 'off';
      } else if (typeof value === 'string') {
        // A scenario file may give a policy value as an expression of the week; a slider replaces it.
        output.textContent = `changes over time: ${value}`;
      } else if (typeof value === 'number') {
        if (document.activeElement !== input) input.value = String(value);
        output.textContent = lever.format ? lever.format(value) : String(value);
      }
    }
  }
}
