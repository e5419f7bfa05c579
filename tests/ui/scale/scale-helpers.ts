/** Shared helpers for the real-scale page's component tests. */
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import { presetById, type Preset } from '../../../src/core/presets';
import { scaleModelFromConfig, scaleModelFromToy, type ScaleModel } from '../../../src/core/scale-model';
import { OPEN_EMBEDDING_ROWS } from '../../../src/core/open-vocab';
import { treeRendered } from '../../../src/ui/shared/settled';

export function preset(id: Preset['id']): ScaleModel {
  const p = presetById(id)!;
  return scaleModelFromConfig(p.config, { id: p.id, name: p.name, published: p.published });
}

export function toy(change: Partial<MoeConfig> = {}): ScaleModel {
  return scaleModelFromToy({ ...DEFAULT_CONFIG, ...change }, OPEN_EMBEDDING_ROWS);
}

const mounted: Element[] = [];

export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
  width = 900,
): Promise<HTMLElementTagNameMap[K]> {
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  const el = document.createElement(tag);
  Object.assign(el, props);
  box.append(el);
  document.body.append(box);
  mounted.push(box);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

export function unmountAll(): void {
  for (const b of mounted.splice(0)) b.remove();
}

export const text = (el: Element): string => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

/** The control whose <label for> has exactly this text (trimmed, whitespace collapsed). */
export function byLabel<T extends HTMLElement = HTMLInputElement>(el: Element, label: string): T {
  const root = el.shadowRoot!;
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent?.replace(/\s+/g, ' ').trim() === label);
  if (!l) throw new Error(`no label "${label}"`);
  const target = l.htmlFor ? root.getElementById(l.htmlFor) : l.querySelector('input, textarea, select');
  if (!target) throw new Error(`label "${label}" names no control`);
  return target as T;
}

/** The text a reader sees in el, through every shadow root, with white space collapsed. */
export function deep(el: Element): string {
  const walk = (n: Node): string =>
    n instanceof Element && n.shadowRoot
      ? walk(n.shadowRoot)
      : n.nodeType === 3
        ? (n.textContent ?? '')
        : [...n.childNodes].map(walk).join('');
  return walk(el).replace(/\s+/g, ' ');
}

/** Waits until el and every lit component below it, through their shadow roots, has rendered. */
export const settle = treeRendered;

/** Chooses a model in the page's model list by its id, as a person picking an option does. */
export function pick(page: Element, id: string, label = 'Model'): void {
  const select = byLabel<HTMLSelectElement>(page, label);
  select.value = id;
  select.dispatchEvent(new Event('change'));
}
