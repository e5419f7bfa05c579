/** The compressed-memory page's parts in Simplified Chinese, and back to English. */
import { afterEach, describe, expect, it } from 'vitest';
import type { LatentErrors, LatentEvaluation } from '../../../src/core/latent-attention';
import { setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/memory/kv-calculator';
import '../../../src/ui/memory/latent-toy';
import '../../../src/ui/memory/memory-page';

const mounted: Element[] = [];
async function mount<K extends 'kv-calculator' | 'latent-toy' | 'memory-page'>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}) {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}
const text = (el: Element): string => {
  const walk = (n: Node): string =>
    n instanceof Element && n.shadowRoot
      ? walk(n.shadowRoot)
      : n.nodeType === 3
        ? (n.textContent ?? '')
        : [...n.childNodes].map(walk).join('');
  return walk(el).replace(/\s+/g, ' ');
};
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as T;

afterEach(() => {
  setLang('en', { url: false });
  for (const el of mounted.splice(0)) el.remove();
});

const point = (dc: number): LatentErrors => ({
  dc,
  attentionMoved: (4 - dc) / 10,
  attentionMaxDiff: (4 - dc) / 5,
  outputError: (4 - dc) / 4,
  kvError: (4 - dc) / 4,
  energyKept: dc / 4,
  cacheFull: 16,
  cacheLatent: dc,
});
const m = [Float32Array.from([1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5])];
const result: LatentEvaluation = { ...point(2), tokens: 3, heads: 1, attentionFull: m, attentionLatent: m };

describe('compressed memory in Simplified Chinese', () => {
  it('the cache calculator: labels, headline, table, and a refused number worded again on a switch', async () => {
    const el = await mount('kv-calculator');
    const typed = $<HTMLInputElement>(el, '#context-typed');
    typed.value = '131073';
    typed.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect($(el, '#context-problem').textContent).toBe('Context length must be from 1 to 131,072 tokens, not 131,073.');
    setLang('zh', { url: false });
    await el.updateComplete;
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).toEqual(['模型', '上下文长度', '或输入', '批大小', '或输入', '每个数的精度']);
    expect($(el, '.headline .per-token').textContent).toBe('每个词元 35,136 个数');
    expect($(el, '.headline').textContent!.replace(/\s+/g, ' ')).toContain('是它的 57×');
    expect($(el, 'tr.native th').textContent).toContain('多头潜在注意力（MLA）');
    expect($(el, '#context-problem').textContent).toContain('上下文长度');
    expect($(el, '#context-problem').textContent).not.toContain('Context length');
    expect($(el, '#context-problem').textContent).toBe('上下文长度必须在 1 到 131,072 个词元之间，而不是 131,073。');
    // Refused while the page is in Chinese: the same words, with the label the page shows.
    const batch = $<HTMLInputElement>(el, '#batch-typed');
    batch.value = '1.5';
    batch.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect($(el, '#batch-problem').textContent).toBe('批大小必须是 1 到 1,024 之间的整数，而不是 1.5。');
    setLang('en', { url: false });
    await el.updateComplete;
    expect($(el, '#context-problem').textContent).toBe('Context length must be from 1 to 131,072 tokens, not 131,073.');
    expect($(el, '#batch-problem').textContent).toBe('Batch size must be a whole number from 1 to 1,024, not 1.5.');
  });

  it('the live toy, its chart and its maps', async () => {
    setLang('zh', { url: false });
    const el = await mount('latent-toy', {
      dc: 2,
      fullRank: 4,
      width: 4,
      heads: 1,
      headDim: 4,
      tokens: ['the', 'cat', 'runs'],
      sweep: [1, 2, 3, 4].map(point),
      result,
    });
    await Promise.all(
      [...el.shadowRoot!.querySelectorAll('attention-map, error-chart')].map(
        (c) => (c as HTMLElementTagNameMap['error-chart']).updateComplete,
      ),
    );
    expect($(el, '#cache-latent').textContent).toBe('每个词元 2 个数');
    expect($(el, '#dc').getAttribute('aria-label')).toBe('潜在向量大小 d_c');
    const chart = $(el, 'error-chart');
    expect($(chart, 'svg').getAttribute('aria-label')).toContain('潜在版本的误差随潜在向量大小 d_c 的变化');
    const map = $(el, 'attention-map');
    expect($(map, 'figcaption').textContent).toBe('完整注意力，第 1 个头');
    expect($(map, 'svg').getAttribute('aria-label')).toContain('注意力最强的是 “the”（1） 读取 “the”（1）');
    expect(text(el)).not.toMatch(/numbers per token|Attention moved/);
  });

  it('the page: header, title and sections', async () => {
    const el = await mount('memory-page');
    await el.settled();
    setLang('zh', { url: false });
    await el.updateComplete;
    expect(document.title).toBe('moe-lab：压缩记忆（多头潜在注意力）');
    const t = text(el);
    expect(t).toContain('压缩记忆：多头潜在注意力');
    expect(t).toContain('回到模拟器');
    expect(t).toContain('为什么位置部分要单独存储');
    expect(t).toMatch(/正在 (wasm|cpu) 后端上运行/);
    expect($(el, 'header a').getAttribute('href')).toBe('../index.html');
  });
});
