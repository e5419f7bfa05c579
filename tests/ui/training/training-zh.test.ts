/**
 * The live-training pages' components in Simplified Chinese: their texts come from the 'train'
 * catalogue section, and a language switch re-renders them in place (and back to English).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { SpecialisationMap } from '../../../src/core/specialisation';
import { DEFAULT_TRAIN } from '../../../src/core/training';
import { setLang } from '../../../src/ui/i18n/locale';
import type { LossPoint } from '../../../src/ui/training/loss-chart';
import '../../../src/ui/training/load-history';
import '../../../src/ui/training/loss-chart';
import '../../../src/ui/training/specialisation-map';
import '../../../src/ui/training/training-controls';
import '../../../src/ui/training/updated-params';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

type Tag = 'training-controls' | 'loss-chart' | 'load-history' | 'specialisation-map' | 'updated-params';

async function mount<K extends Tag>(tag: K, props: Partial<HTMLElementTagNameMap[K]>, width = '600px') {
  const el = document.createElement(tag);
  Object.assign(el, props);
  el.style.width = width;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => {
  setLang('en', { url: false });
  document.body.replaceChildren();
});

describe('live training in Chinese', () => {
  it('<training-controls>: buttons, labels, options and hints; switched back to English in place', async () => {
    const el = await mount('training-controls', { config: { ...DEFAULT_CONFIG }, settings: { ...DEFAULT_TRAIN }, step: 12 });
    const root = el.shadowRoot!;
    expect([...root.querySelectorAll('button')].map((b) => text(b))).toEqual(['Train', 'Step', 'Reset training']);
    setLang('zh', { url: false });
    await el.updateComplete;
    expect([...root.querySelectorAll('button')].map((b) => text(b))).toEqual(['训练', '单步', '重置训练']);
    expect(root.querySelector('[role="status"]')!.getAttribute('aria-label')).toBe('训练进度');
    expect([...root.querySelectorAll('label')].map((l) => text(l))).toEqual(
      expect.arrayContaining([
        '学习率',
        '批次大小',
        '负载均衡',
        '负载均衡损失 α',
        '偏置更新速度（γ）',
        '路由专家数',
        '每个词元激活的专家数（top-k）',
        '路由器',
        'MoE 层数',
        '随机种子',
      ]),
    );
    const balance = root.getElementById('balance') as HTMLSelectElement;
    expect([...balance.options].map((o) => o.textContent)).toEqual(['无', 'Switch 负载均衡损失', 'DeepSeek-V3 偏置', '偏置 + 序列级损失']);
    expect(root.getElementById('batch')!.getAttribute('aria-valuetext')).toBe('8 个句子');
    expect(root.getElementById('zloss')!.getAttribute('aria-valuetext')).toBe('0（关闭）');
    expect(text(root.querySelector('.hint'))).toContain('Adam 的步长');
    setLang('en', { url: false });
    await el.updateComplete;
    expect([...root.querySelectorAll('button')].map((b) => text(b))).toEqual(['Train', 'Step', 'Reset training']);
    expect(root.getElementById('batch')!.getAttribute('aria-valuetext')).toBe('8 sentences');
  });

  it('<loss-chart>: legend, summary for screen readers, axis and table', async () => {
    setLang('zh', { url: false });
    const points: LossPoint[] = Array.from({ length: 30 }, (_, i) => ({
      step: i + 1,
      taskLoss: 4 - 0.04 * i,
      balanceLoss: 0.01,
      zLoss: 0,
    }));
    const el = await mount('loss-chart', { points, series: ['task'] });
    const root = el.shadowRoot!;
    expect(root.querySelector('svg.chart')!.getAttribute('aria-label')).toBe(
      '损失，第 1 步到第 30 步（线性坐标）。任务损失（下一个词）：开始时 3.82，当前 3.02。“开始时”和“当前”各取 10 步的平均值。',
    );
    expect(text(root.querySelector('.legend-task'))).toBe('任务损失（下一个词）：当前 3.02，开始时为 3.82');
    expect(text(root.querySelector('summary'))).toBe('表格：按步列出的损失（每行是所含各步的平均值）');
    expect([...root.querySelectorAll('svg.chart > text')].map((t) => t.textContent)).toContain('训练步');
    const empty = await mount('loss-chart', { points: [] });
    expect(text(empty.shadowRoot!.querySelector('.empty'))).toBe('还没有训练步：请按“训练”或“单步”。');
  });

  it('<load-history>: the figure, its words and the strip’s description', async () => {
    const loads = [...Array.from({ length: 20 }, () => [5, 5, 5, 5]), ...Array.from({ length: 20 }, () => [20, 0, 0, 0])];
    const el = await mount('load-history', { loads, firstStep: 1 }, '500px');
    setLang('zh', { url: false });
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(text(root.querySelector('.figure span'))).toBe('当前最大/平均负载：4.00');
    expect(text(root.querySelector('.sub'))).toBe(
      '统计最近 20 步（共 400 次专家选择）；1.00 = 完全均匀。最闲的专家是平均值的 0.00×；3 个专家没有分到词元。',
    );
    expect(root.querySelector('canvas')!.getAttribute('aria-label')).toBe(
      '训练过程中的专家负载：4 个专家各自得到的专家选择份额，第 1 步到第 40 步。最近 20 步中，最忙的专家是平均值的 4.00 倍，最闲的是 0.00 倍；3 个专家一次也没被选中。',
    );
    expect([...root.querySelectorAll('thead th')].slice(0, 2).map((t) => t.textContent)).toEqual(['专家', '第 1–5 步']);
  });

  it('<specialisation-map>: score words, category names and caption', async () => {
    setLang('zh', { url: false });
    const map: SpecialisationMap = {
      categories: ['animal', 'verb', 'colour'],
      counts: [
        [5, 0, 1],
        [0, 4, 0],
        [1, 1, 3],
      ],
      score: 0.456,
    };
    const el = await mount('specialisation-map', { map, step: 50, startScore: -0.012 });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('.score span'))).toBe('专业化得分 0.46');
    expect(text(root.querySelector('.words'))).toBe('明显专业化；训练前为 −0.01。');
    expect(text(root.querySelector('caption'))).toBe('各类别的词按首选专家的分布（第 1 层，第 50 步之后）');
    expect([...root.querySelectorAll('tbody th')].map((t) => text(t))).toEqual(['动物 (6)', '动词 (4)', '颜色 (5)']);
  });

  it('<updated-params>: headline, rows and their descriptions', async () => {
    setLang('zh', { url: false });
    const el = await mount('updated-params', {
      layers: [[0, 2], [1]],
      demand: [
        [3, 0, 5, 0],
        [0, 8, 0, 0],
      ],
      tokens: 4,
      experts: 4,
      shared: 1,
      sizes: { embedding: 500, router: 64, routedExpert: 300, sharedExpert: 300 },
      updatedParams: 1234,
      totalParams: 5000,
      step: 7,
    });
    const root = el.shadowRoot!;
    expect(text(root.querySelector('.headline'))).toBe('第 7 步更新了全部 5,000 个参数中的 1,234 个（24.7%）。');
    const layer = root.querySelector('.layer')!;
    expect(text(layer.querySelector('.name'))).toBe('第 1 层');
    expect(layer.querySelector('.blocks')!.getAttribute('aria-label')).toBe(
      '第 1 层：路由器和 1 个共享专家已更新；已更新的路由专家：E0, E2',
    );
    expect(text(layer.querySelector('.words'))).toBe('4 个路由专家中有 2 个得到了梯度；未更新（没有词元选择它们）：E1, E3。');
    expect(text(root.querySelector('.caption'))).toContain('一个路由专家有 300 个参数');
  });
});
