/**
 * Drawing the chart specs of src/charts with Vega. A chart whose shape has not changed (the same
 * spec but for its data, titles and colours) gets them replaced in place, which costs a few milliseconds;
 * anything else is compiled and embedded afresh. Expressions are interpreted rather than compiled
 * with `new Function`, so the page runs under a Content-Security-Policy without 'unsafe-eval'.
 */
import type embed from 'vega-embed';
import type { compile, TopLevelSpec } from 'vega-lite';
import { chartTemplate, type PanelName, type PanelRanges } from '../../src/browser.ts';
import { loadScripts } from './load-script.ts';

/**
 * vega, vega-lite and vega-embed are not in the page's script: they are scripts of their own
 * (web/vite.config.ts copies them to vega/), loaded when the first chart is drawn, after the first
 * numbers: neither the page's script nor the first runs share the machine with them.
 */
interface Vega {
  vegaEmbed: typeof embed;
  vegaLite: { compile: typeof compile };
}

/** In the order they must run: vega-lite and vega-embed use vega. */
const VEGA_SCRIPTS = ['./vega/vega.min.js', './vega/vega-lite.min.js', './vega/vega-embed.min.js'];
let vega: Promise<Vega> | undefined;

/** Loads the charts' libraries (once); drawing waits for them. */
function loadCharts(): Promise<Vega> {
  vega ??= loadScripts(VEGA_SCRIPTS).then(() => {
    const g = globalThis as unknown as Partial<Vega>;
    if (!g.vegaEmbed || !g.vegaLite) throw new Error('the charts\' scripts (vega/) did not load');
    return g as Vega;
  });
  return vega;
}

interface Drawn {
  /** The key of the drawn chart's template: its shape without its values. */
  signature: string;
  view: import('vega').View;
  finalize: () => void;
}

interface Slot {
  drawn?: Drawn;
  /** The newest spec asked for while a draw was in progress: intermediate ones are skipped. */
  next?: TopLevelSpec;
  busy?: Promise<void>;
}

const slots = new WeakMap<HTMLElement, Slot>();

async function drawNow(element: HTMLElement, slot: Slot, spec: TopLevelSpec): Promise<void> {
  // Data sets named, titles and colours made parameters (src/report/chart-template.ts): the same
  // chart with new numbers, or for another scenario, has the same key and takes them by name.
  const template = chartTemplate(spec);
  if (slot.drawn && slot.drawn.signature === template.key) {
    for (const [name, rows] of template.data) slot.drawn.view.data(name, rows as object[]);
    for (const [name, value] of template.signals) slot.drawn.view.signal(name, value);
    await slot.drawn.view.runAsync();
    return;
  }
  slot.drawn?.finalize();
  const { vegaEmbed, vegaLite } = await loadCharts();
  const vgSpec = vegaLite.compile({ ...template.spec, datasets: Object.fromEntries(template.data) } as TopLevelSpec).spec;
  const result = await vegaEmbed(element, vgSpec, {
    mode: 'vega',
    renderer: 'svg',
    actions: false,
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  });
  slot.drawn = { signature: template.key, view: result.view, finalize: result.finalize };
}

/** Draws `spec` into `element`; resolves when the newest spec asked for is on screen. */
export function drawChart(element: HTMLElement, spec: TopLevelSpec): Promise<void> {
  let slot = slots.get(element);
  if (!slot) slots.set(element, (slot = {}));
  slot.next = spec;
  if (slot.busy) return slot.busy;
  const s = slot;
  s.busy = (async () => {
    try {
      while (s.next) {
        const current = s.next;
        s.next = undefined;
        await drawNow(element, s, current);
      }
    } finally {
      s.busy = undefined;
    }
  })();
  return s.busy;
}

/** The chart drawn in `element` as an image address (PNG at twice its size, or SVG), for saving; undefined before it is drawn. */
export async function chartImage(element: HTMLElement, type: 'png' | 'svg'): Promise<string | undefined> {
  const view = slots.get(element)?.drawn?.view;
  return view ? view.toImageURL(type, type === 'png' ? 2 : 1) : undefined;
}

/** Multiples of a power of ten that a shared axis may end at. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least x (> 0). */
function niceCeiling(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  return NICE_STEPS.find((step) => step * power >= x)! * power;
}

/**
 * Shared ranges rounded outward to round numbers. A and B then keep the same axes over most re-runs,
 * so that a change redraws its chart by data alone (drawNow), and both charts are redrawn only when
 * an axis must grow or shrink.
 */
export function roundedRanges(ranges: PanelRanges): PanelRanges {
  const rounded: PanelRanges = {};
  for (const [panel, [lo, hi]] of Object.entries(ranges) as [PanelName, [number, number]][]) {
    rounded[panel] = [lo < 0 ? -niceCeiling(-lo) : 0, hi > 0 ? niceCeiling(hi) : 0];
  }
  return rounded;
}
