/**
 * Drawing the chart specs of src/charts with Vega. A chart whose shape has not changed (the same
 * compiled Vega spec but for its data) gets its data replaced in place, which costs a few
 * milliseconds; anything else is embedded afresh. Expressions are interpreted rather than compiled
 * with `new Function`, so the page runs under a Content-Security-Policy without 'unsafe-eval'.
 */
import embed from 'vega-embed';
import { compile, type TopLevelSpec } from 'vega-lite';

interface Drawn {
  /** The compiled spec without its data values. */
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

interface InlineData {
  name: string;
  values?: unknown[];
}

async function drawNow(element: HTMLElement, slot: Slot, spec: TopLevelSpec): Promise<void> {
  const vgSpec = compile(spec).spec;
  const inline = (vgSpec.data ?? []).filter((d): d is InlineData & typeof d => Array.isArray((d as InlineData).values)) as InlineData[];
  const signature = JSON.stringify(vgSpec, (key, value) => (key === 'values' ? undefined : value));
  if (slot.drawn && slot.drawn.signature === signature) {
    for (const data of inline) slot.drawn.view.data(data.name, data.values as object[]);
    await slot.drawn.view.runAsync();
    return;
  }
  slot.drawn?.finalize();
  const result = await embed(element, vgSpec, {
    mode: 'vega',
    renderer: 'svg',
    actions: false,
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  });
  slot.drawn = { signature, view: result.view, finalize: result.finalize };
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
