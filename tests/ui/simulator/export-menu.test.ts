import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { toyParams } from '../../../src/core/params';
import type { Routing } from '../../../src/core/router';
import { buildTrace, layerTrace, type Trace } from '../../../src/core/trace';
import { CSV_HEADER } from '../../../src/state/export';
import type { ExportMenu } from '../../../src/ui/simulator/export-menu';
import '../../../src/ui/simulator/export-menu';
import { setLang } from '../../../src/ui/i18n/locale';

const ODD = 'say "hi", <b>&co';

/** A hand-made three-token trace over 4 experts, top-2; token 2 had one choice dropped. */
function trace(): Trace {
  const config = { ...DEFAULT_CONFIG, routedExperts: 4, topK: 2, capacityFactor: 1, seed: 5 };
  const p = toyParams(config, 10);
  const E = 4;
  const routing: Routing = {
    scores: new Float64Array([0.5, 0.3, 0.1, 0.1, 0.1, 0.6, 0.2, 0.1, 0.45, 0.05, 0.1, 0.4]),
    routes: [
      { experts: [0, 1], weights: [0.625, 0.375], dropped: [false, false] },
      { experts: [1, 2], weights: [0.75, 0.25], dropped: [false, false] },
      { experts: [0, 3], weights: [0.53, 0.47], dropped: [true, false] },
    ],
    capacity: 1,
    demand: [2, 2, 1, 1],
    load: [1, 2, 1, 1],
  };
  const layer = layerTrace(0, { routing, logits: new Float32Array(3 * E) }, config, p);
  const tokens = [
    { text: 'the', id: 1, category: 'function' as const, unknown: false },
    { text: ODD, id: 0, category: 'unknown' as const, unknown: true },
    { text: 'fox', id: 2, category: 'animal' as const, unknown: false },
  ];
  return buildTrace(config, tokens, false, [layer], p);
}

interface Saved {
  name: string;
  blob: Blob;
}

let saved: Saved[] = [];
let blobs: Map<string, Blob>;

beforeEach(() => {
  saved = [];
  blobs = new Map();
  const create = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((obj: Blob | MediaSource) => {
    const url = create(obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  });
  // The download anchor's click: record the file instead of downloading it.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ name: this.download, blob });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  document.querySelectorAll('export-menu').forEach((el) => el.remove());
  delete (navigator as unknown as Record<string, unknown>).clipboard;
});

async function mount(t: Trace | null = trace()): Promise<ExportMenu> {
  const el = document.createElement('export-menu');
  el.trace = t;
  el.position = 1;
  el.layer = 0;
  el.view = { text: `the ${ODD} fox`, position: 1, layer: 0 };
  el.url = 'http://localhost/?e=4&k=2&text=the+fox&pos=1';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function button(el: ExportMenu, name: string): HTMLButtonElement {
  const b = [...el.shadowRoot!.querySelectorAll('button')].find((x) => x.textContent!.trim() === name);
  if (!b) throw new Error(`no button named ${name}`);
  return b;
}

function status(el: ExportMenu): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

describe('<export-menu>', () => {
  it('has the five buttons, named exactly, and disables downloads without a trace', async () => {
    const el = await mount(null);
    const names = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(names).toEqual(['Download PNG', 'Download SVG', 'Download CSV', 'Download JSON', 'Copy link']);
    expect(button(el, 'Download PNG').disabled).toBe(true);
    expect(button(el, 'Copy link').disabled).toBe(false);
    el.trace = trace();
    await el.updateComplete;
    expect(button(el, 'Download CSV').disabled).toBe(false);
  });

  it('downloads the SVG: a well-formed picture with the escaped word', async () => {
    const el = await mount();
    button(el, 'Download SVG').click();
    await expect.poll(() => saved.length).toBe(1);
    const { name, blob } = saved[0]!;
    expect(name).toBe('moe-lab-softmax-topk-4x2-seed5.svg');
    expect(blob.type).toBe('image/svg+xml;charset=utf-8');
    const text = await blob.text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.textContent).toContain(ODD);
    expect(doc.querySelectorAll('rect.expert').length).toBe(4);
    expect(doc.documentElement.textContent).toContain(`“${ODD}”: active`);
    await expect.poll(() => status(el)).toBe('Saved moe-lab-softmax-topk-4x2-seed5.svg.');
  });

  it('draws the picture in the page language: a Chinese page downloads a Chinese SVG (the CSV stays English)', async () => {
    setLang('zh', { url: false });
    try {
      const el = await mount();
      button(el, '下载 SVG').click();
      await expect.poll(() => saved.length).toBe(1);
      const doc = new DOMParser().parseFromString(await saved[0]!.blob.text(), 'image/svg+xml');
      expect(doc.querySelector('parsererror')).toBeNull();
      expect(doc.documentElement.getAttribute('xml:lang')).toBe('zh-Hans');
      const words = doc.documentElement.textContent!;
      expect(words).toContain('词元及其专家');
      expect(words).toContain(`“${ODD}”：激活`);
      expect(words).not.toContain('Tokens and their experts');
      button(el, '下载 CSV').click();
      await expect.poll(() => saved.length).toBe(2);
      expect((await saved[1]!.blob.text()).startsWith(CSV_HEADER.join(','))).toBe(true);
    } finally {
      setLang('en', { url: false });
    }
  });

  it('downloads a PNG that decodes, at twice the SVG size', async () => {
    const el = await mount();
    button(el, 'Download PNG').click();
    await expect.poll(() => saved.length, { timeout: 10_000 }).toBe(1);
    const { name, blob } = saved[0]!;
    expect(name).toBe('moe-lab-softmax-topk-4x2-seed5.png');
    expect(blob.type).toBe('image/png');
    expect(blob.size).toBeGreaterThan(1000);
    const bitmap = await createImageBitmap(blob);
    expect(bitmap.width).toBe(2400);
    expect(bitmap.height).toBeGreaterThan(400);
    // Not a blank canvas: some pixels are neither white nor transparent.
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4 * 97) if (data[i]! < 200) ink++;
    expect(ink).toBeGreaterThan(100);
  });

  it('downloads the CSV and the JSON', async () => {
    const el = await mount();
    button(el, 'Download CSV').click();
    await expect.poll(() => saved.length).toBe(1);
    button(el, 'Download JSON').click();
    await expect.poll(() => saved.length).toBe(2);
    const [csv, json] = saved as [Saved, Saved];
    expect(csv.name).toBe('moe-lab-softmax-topk-4x2-seed5.csv');
    expect(csv.blob.type).toBe('text/csv;charset=utf-8');
    const text = await csv.blob.text();
    expect(text.split('\r\n').filter(Boolean).length).toBe(1 + 6);
    expect(text.startsWith(CSV_HEADER.join(','))).toBe(true);
    expect(text).toContain('1,"say ""hi"", <b>&co",unknown,true,0,1,1,0.75,false');
    expect(json.name).toBe('moe-lab-softmax-topk-4x2-seed5.json');
    expect(json.blob.type).toBe('application/json');
    const doc = JSON.parse(await json.blob.text());
    expect(doc.view.text).toBe(`the ${ODD} fox`);
    expect(doc.trace.tokens[1].text).toBe(ODD);
    expect(doc.trace.layers[0].tokens[2].dropped).toEqual([true, false]);
  });

  it('copies the link and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = await mount();
    button(el, 'Copy link').click();
    await expect.poll(() => status(el)).toBe('Link copied');
    expect(writeText).toHaveBeenCalledWith('http://localhost/?e=4&k=2&text=the+fox&pos=1');
    expect(el.shadowRoot!.querySelector('input')).toBeNull();
  });

  it('shows the link selected in a read-only field when the clipboard is refused', async () => {
    const writeText = vi.fn(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = await mount();
    button(el, 'Copy link').click();
    await expect.poll(() => el.shadowRoot!.querySelector('input')).not.toBeNull();
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.readOnly).toBe(true);
    expect(input.value).toBe(el.url);
    expect(el.shadowRoot!.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, el.url.length]);
    expect(input.labels?.[0]?.textContent).toContain('Link to this view');
    expect(status(el)).toContain('did not allow copying');
  });
});
