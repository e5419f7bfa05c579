/**
 * The simulator's panels in Simplified Chinese: each switches with setLang('zh') (re-rendering in
 * place, no new properties needed), shows the catalogue's Chinese text, and switches back to the
 * same English. Token words stay as typed and are marked translate="no".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { LayerTrace, TokenRouting, TokenTrace } from '../../../src/core/trace';
import { CATALOGUE } from '../../../src/ui/i18n/all';
import { setLang } from '../../../src/ui/i18n/locale';
import { ROUTER_INFO, routerInfo } from '../../../src/ui/routing/router-info';
import '../../../src/ui/simulator/assignment-matrix';
import '../../../src/ui/simulator/control-panel';
import '../../../src/ui/routing/experts-panel';
import '../../../src/ui/simulator/export-menu';
import '../../../src/ui/routing/load-panel';
import '../../../src/ui/routing/router-panel';
import '../../../src/ui/routing/token-strip';

const zh = CATALOGUE.zh.sim;
const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

const route = (experts: number[], weights: number[], dropped = experts.map(() => false)): TokenRouting => {
  const used = dropped.filter((d) => !d).length;
  return { logits: [0, 0, 0, 0], scores: [0.4, 0.3, 0.2, 0.1], experts, weights, dropped, used, skipped: used === 0 };
};
const tokens: TokenTrace[] = [
  { index: 0, text: 'the', id: 1, category: 'function', unknown: false },
  { index: 1, text: 'zebra', id: 0, category: 'unknown', unknown: true },
];
const layer: LayerTrace = {
  index: 0,
  tokens: [route([0, 1], [0.6, 0.4]), route([0], [1], [true])],
  experts: [0, 1, 2, 3].map((index) => ({ index, demand: index === 0 ? 2 : index === 1 ? 1 : 0, load: index < 2 ? 1 : 0, params: 10 })),
  capacity: 1,
  droppedChoices: 1,
  skippedTokens: 1,
  balance: { maxOverMean: 2.67, cv: 1.15 },
};

async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

async function switchTo(lang: 'en' | 'zh', ...els: Element[]): Promise<void> {
  setLang(lang, { url: false });
  for (const el of els) await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}

afterEach(() => {
  setLang('en', { url: false });
  document.body.replaceChildren();
});

describe('simulator panels in Chinese', () => {
  it('control panel: legends, labels, buttons and values switch both ways', async () => {
    const el = await mount('control-panel', { config: { ...DEFAULT_CONFIG, router: 'sigmoid-bias', nGroup: 4, topkGroup: 2 }, speed: 2 });
    const english = text(el);
    await switchTo('zh', el);
    const t = text(el);
    for (const s of [
      zh.controls.modelShape,
      zh.controls.routing,
      zh.controls.topK,
      zh.controls.seed,
      zh.controls.play,
      zh.controls.biasStep,
      zh.controls.noLimit,
      '2 词元/秒',
      routerInfo('sigmoid-bias').name,
    ]) {
      expect(t).toContain(s);
    }
    expect(t).not.toContain('Routed experts');
    expect(el.shadowRoot!.getElementById('capacity')!.getAttribute('aria-valuetext')).toBe('无上限');
    await switchTo('en', el);
    expect(text(el)).toBe(english);
  });

  it('router panel: formula line, caption, rows and outcome', async () => {
    const el = await mount('router-panel', {
      routing: route([0, 1], [0.6, 0.4], [false, true]),
      router: 'softmax-topk',
      token: tokens[0]!,
    });
    await switchTo('zh', el);
    const t = text(el);
    expect(t).toContain('Softmax top-k（Mixtral、GShard）：g = softmax(top-k(x·W))');
    expect(t).toContain('“the”（第 1 个词元）的路由器得分，共 4 个专家');
    expect(t).toContain('第 1 个选中 · 权重 0.60');
    expect(t).toContain('选中：E0（权重 0.60）、E1 被丢弃（超出容量）。');
    expect(el.shadowRoot!.querySelector('ol.rows')!.getAttribute('aria-label')).toBe(zh.router.rowsLabel);
    await switchTo('en', el);
    expect(text(el)).toContain('Softmax top-k (Mixtral, GShard): g = softmax(top-k(x·W))');
  });

  it('experts, load and matrix panels', async () => {
    const experts = await mount('experts-panel', { layer, current: 0 });
    const load = await mount('load-panel', { layer });
    const matrix = await mount('assignment-matrix', { tokens, layer, current: 0 });
    await switchTo('zh', experts, load, matrix);
    await load.shadowRoot!.querySelector('load-bars')!.updateComplete;
    expect(text(experts)).toContain('点亮：E0（0.60）、E1（0.40）');
    expect(text(load)).toContain('3 次选择中有 1 次被丢弃');
    expect(text(load)).toContain('1 个词元没有分到任何专家（经残差连接直接通过）。');
    const bars = load.shadowRoot!.querySelector('load-bars')!;
    expect(bars.shadowRoot!.querySelector('text.cap-label')!.textContent).toBe('容量 1');
    expect(bars.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')).toMatch(/^第 1 层：各专家的词元数。/);
    expect(text(matrix)).toContain(zh.matrix.noExpert);
    // The token's own word is data, not UI text.
    const word = matrix.shadowRoot!.querySelector('button [translate="no"]')!;
    expect(word.textContent).toBe('the');
  });

  it('token chips and export menu', async () => {
    const strip = await mount('token-strip', { tokens, routing: layer.tokens, current: 0 });
    const menu = await mount('export-menu', { trace: null, url: 'http://localhost/' });
    await switchTo('zh', strip, menu);
    const chips = [...strip.shadowRoot!.querySelectorAll('button')];
    expect(chips[1]!.getAttribute('aria-label')).toBe('词元 2：zebra ✕0 未知 被丢弃（不在词表中；没有专家运行；E0 被丢弃，超出容量）');
    expect(chips[1]!.querySelector('.word')!.getAttribute('translate')).toBe('no');
    expect([...menu.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      '下载 PNG',
      '下载 SVG',
      '下载 CSV',
      '下载 JSON',
      '复制链接',
    ]);
  });

  it('ROUTER_INFO stays English for code that needs a fixed text; routerInfo follows the page', async () => {
    setLang('zh', { url: false });
    expect(ROUTER_INFO['noisy-topk'].name).toBe('Noisy top-k');
    expect(routerInfo('noisy-topk').name).toBe('带噪声的 top-k');
  });
});
