/** The real-scale page in Simplified Chinese: its own texts, the core's sentences, problems and the URL. */
import { afterEach, describe, expect, it } from 'vitest';
import { presetById } from '../../../src/core/presets';
import { scaleModelFromConfig } from '../../../src/core/scale-model';
import { getLang, setLang } from '../../../src/ui/i18n/locale';
import '../../../src/ui/scale/scale-page';
import type { ScalePage } from '../../../src/ui/scale/scale-page';
import { byLabel, deep, mount, pick, preset, settle, toy, unmountAll } from './scale-helpers';

function paste(el: ScalePage, label: string, text: string): void {
  const box = byLabel<HTMLTextAreaElement>(el.shadowRoot!.querySelector('config-input')!, label);
  box.value = text;
  box.dispatchEvent(new Event('input'));
}

afterEach(() => {
  setLang('en', { url: false });
  unmountAll();
  history.replaceState(null, '', location.pathname);
});

describe('<scale-page> in Simplified Chinese', () => {
  it('switches every section, the title and the core’s sentences, and back', async () => {
    const el = await mount('scale-page', {}, 1200);
    // DeepSeek-V3's router is drawn over several tasks; its first token is routed when it is ready.
    await el.routed();
    setLang('zh', { url: false });
    await settle(el);
    const t = deep(el);
    for (const s of [
      '1. 选择模型',
      '2. 统计它的权重',
      '3. DeepSeek-V3 的一个 MoE 层：所有专家',
      '4. 你的小模型与 DeepSeek-V3',
      '5. 训练花了多少钱？',
    ])
      expect(t).toContain(s);
    expect(t).toContain('当前显示：DeepSeek-V3');
    expect(t).toContain('671.0B');
    expect(t).toContain('每个专家计算一个 sigmoid 得分。256 个专家分为 8 组');
    expect(t).toContain('词元 1：选中');
    expect(t).toContain('你的小模型 · 8 个专家，top-2，宽度 32');
    expect(t).toContain('回到模拟器');
    expect(document.title).toBe('moe-lab：真实规模，从小模型到 DeepSeek-V3');
    expect(t).not.toContain('Choose a model');

    setLang('en', { url: false });
    await settle(el);
    expect(deep(el)).toContain('1. Choose a model');
    expect(deep(el)).toContain('Back to the simulator');
    expect(document.title).toBe('moe-lab: real scale, from the toy to DeepSeek-V3');
  });

  it('the note of a model type read from the fields follows a language switch', async () => {
    const el = await mount('scale-page', {}, 1200);
    const { model_type: _t, architectures: _a, ...mixtral } = presetById('mixtral-8x7b')!.config as Record<string, unknown>;
    paste(el, 'Paste a config.json', JSON.stringify(mixtral));
    await settle(el);
    expect(deep(el)).toContain('No model_type: read as mixtral from its fields (num_local_experts)');
    setLang('zh', { url: false });
    await settle(el);
    expect(deep(el)).toContain('没有 model_type：根据其字段按 mixtral 读取（num_local_experts）');
    expect(deep(el)).not.toContain('No model_type');
  });

  it('a shown problem and a pasted model’s name follow a language switch', async () => {
    const el = await mount('scale-page', {}, 1200);
    paste(el, 'Paste a config.json', JSON.stringify(presetById('mixtral-8x7b')!.config));
    await settle(el);
    expect(deep(el)).toContain('Showing: Mixtral 8x7B (pasted)');
    paste(el, 'Paste a config.json', '{\n  "a": 1\n  "b": 2\n}');
    await settle(el);
    expect(deep(el)).toContain('Line 3, column 3: Not valid JSON:');
    setLang('zh', { url: false });
    await settle(el);
    const t = deep(el);
    expect(t).toContain('第 3 行，第 3 列：不是有效的 JSON：');
    expect(t).toContain('仍显示上一个有效的模型：Mixtral 8x7B（粘贴）。');
    setLang('en', { url: false });
    await settle(el);
    expect(deep(el)).toContain('Still showing the last good model: Mixtral 8x7B (pasted).');
  });

  it('keeps lang=zh in the address when a model is chosen, and in its links', async () => {
    history.replaceState(null, '', `${location.pathname}?e=16&model=toy`);
    const el = await mount('scale-page', {}, 1200);
    setLang('zh');
    await settle(el);
    expect(new URLSearchParams(location.search).get('lang')).toBe('zh');
    pick(el, 'deepseek-v2', '模型');
    await settle(el);
    const params = new URLSearchParams(location.search);
    expect(params.get('model')).toBe('deepseek-v2');
    expect(params.get('lang')).toBe('zh');
    expect(params.get('e')).toBe('16');
    const links = [
      ...el.shadowRoot!.querySelectorAll('a'),
      ...el.shadowRoot!.querySelector('toy-vs-real')!.shadowRoot!.querySelectorAll('a'),
    ];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['../index.html?lang=zh', '../index.html?e=16&lang=zh']);
    expect(getLang()).toBe('zh');
  });
});

describe('the link-notice box of <scale-page>', () => {
  it('lists ignored values as the other pages do (eight, then "…and N more"), in the page\'s language', async () => {
    // Nine bad values and an unknown model: ten lines.
    history.replaceState(null, '', `${location.pathname}?e=x&k=x&s=x&h=x&m=x&cf=x&r=x&seed=x&L=x&model=nope`);
    const el = await mount('scale-page', {}, 1200);
    await settle(el);
    const box = (): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('.notice[role=alert]')!;
    const items = (): string[] => [...box().querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(box().textContent).toContain('Some settings in the link were not understood and use their defaults:');
    expect(items()).toHaveLength(8);
    expect(items()[0]).toMatch(/^Ignored e=x: /);
    expect(box().textContent).toContain('…and 2 more.');
    setLang('zh', { url: false });
    await settle(el);
    expect(box().textContent).toContain('链接中有些设置无法识别，已改用默认值：');
    expect(items()).toHaveLength(8);
    expect(items()[0]).toMatch(/^已忽略 e=x：/);
    expect(box().textContent).toContain('……还有 2 条。');
    expect(box().textContent).not.toContain('Ignored');
  });

  it('says which model= was not one of the models', async () => {
    history.replaceState(null, '', `${location.pathname}?model=nope`);
    const el = await mount('scale-page', {}, 1200);
    await settle(el);
    const box = el.shadowRoot!.querySelector<HTMLElement>('.notice[role=alert]')!;
    expect([...box.querySelectorAll('li')].map((li) => li.textContent!.trim())).toEqual([
      'Ignored model=nope: the models are deepseek-v3, deepseek-v2, mixtral-8x7b, kimi-k2, qwen3-235b-a22b, qwen3-30b-a3b, gpt-oss-120b, gpt-oss-20b, llama4-scout, llama4-maverick, glm-4.5, glm-4.5-air, mixtral-8x22b, olmoe-1b-7b, deepseek-v2-lite, qwen1.5-moe-a2.7b, llama-3.1-8b, toy.',
    ]);
    setLang('zh', { url: false });
    await settle(el);
    expect(box.querySelector('li')!.textContent!.trim()).toBe(
      '已忽略 model=nope：可选的模型为 deepseek-v3, deepseek-v2, mixtral-8x7b, kimi-k2, qwen3-235b-a22b, qwen3-30b-a3b, gpt-oss-120b, gpt-oss-20b, llama4-scout, llama4-maverick, glm-4.5, glm-4.5-air, mixtral-8x22b, olmoe-1b-7b, deepseek-v2-lite, qwen1.5-moe-a2.7b, llama-3.1-8b, toy。',
    );
  });
});

describe('leaves of the real-scale page in Simplified Chinese', () => {
  it('words the toy’s router rules and notes from their facts', async () => {
    setLang('zh', { url: false });
    const grouped = await mount('layer-experts', {
      model: toy({ router: 'sigmoid-bias', routedExperts: 16, nGroup: 4, topkGroup: 2 }),
      toyRouter: 'sigmoid-bias',
    });
    expect(deep(grouped)).toContain('每个专家计算一个 sigmoid 得分；16 个专家分为 4 组，保留最好的 2 组；选出前 2 个');
    const choice = await mount('layer-experts', { model: toy({ router: 'expert-choice' }), toyRouter: 'expert-choice' });
    expect(deep(choice)).toContain('你的小模型使用专家选择路由');
    const counts = await mount('param-breakdown', { model: toy() });
    counts.shadowRoot!.querySelector('details')!.open = true;
    await counts.updateComplete;
    expect(deep(counts)).toContain('小模型的词表有');
    expect(deep(counts)).toContain('权重总数');
    const qwen = await mount('param-breakdown', { model: preset('mixtral-8x7b') });
    expect(deep(qwen)).toContain('32 层分组查询注意力：32 个查询头和 8 个键/值头，宽度 128');
    const v2 = await mount('param-breakdown', { model: preset('deepseek-v2') });
    expect(deep(v2)).toContain('公布值（DeepSeek-V2 论文，arXiv 2405.04434）');
    const cost = await mount('cost-calculator', { model: preset('deepseek-v3') });
    expect(byLabel(cost, '训练词元数（万亿）').getAttribute('aria-valuetext')).toBe('14.8T 个词元');
    expect(deep(cost)).toMatch(/在 2,048 块 GPU 上的天数\s*56\.7 天/);
  });

  it('words a pasted config’s assumed fields and left-out parts from their codes', async () => {
    setLang('zh', { url: false });
    const config = { ...presetById('deepseek-v3')!.config, vision_config: {} } as Record<string, unknown>;
    for (const f of ['moe_layer_freq', 'topk_method', 'norm_topk_prob']) delete config[f];
    const model = scaleModelFromConfig(config, { id: 'custom', name: 'your config.json' });
    const el = await mount('param-breakdown', { model });
    el.shadowRoot!.querySelector('details')!.open = true;
    await el.updateComplete;
    const notes = [...el.shadowRoot!.querySelectorAll('details li')].map((li) => li.textContent!.trim());
    expect(notes).toEqual([
      'moe_layer_freq = 1（稠密层之后的每一层都是 MoE 层）',
      'attention_bias = false（模型代码中的默认值）',
      'topk_method = "noaux_tc"（模型代码中的默认值）',
      'norm_topk_prob = true（模型代码中的默认值）',
    ]);
    expect(deep(el)).toContain('本配置包含多词元预测模块（num_nextn_predict_layers = 1），与公布的总参数一致和视觉塔（vision_config）。');
    expect(deep(el)).not.toContain('default');
    setLang('en', { url: false });
    await el.updateComplete;
    expect(deep(el)).toContain('moe_layer_freq = 1 (every layer after the dense ones is MoE)');
    expect(deep(el)).toContain(
      'This config has the multi-token-prediction module (num_nextn_predict_layers = 1), as in the published headline total and the vision tower (vision_config).',
    );
  });
});
