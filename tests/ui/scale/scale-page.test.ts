import { afterEach, describe, expect, it, vi } from 'vitest';
import { presetById, presetText } from '../../../src/core/presets';
import '../../../src/ui/scale/scale-page';
import type { ScalePage } from '../../../src/ui/scale/scale-page';
import { byLabel, deep, mount, pick, settle, unmountAll } from './scale-helpers';

afterEach(unmountAll);

function paste(el: ScalePage, text: string): void {
  const input = el.shadowRoot!.querySelector('config-input')!;
  const box = byLabel<HTMLTextAreaElement>(input, 'Paste a config.json');
  box.value = text;
  box.dispatchEvent(new Event('input'));
}

describe('<scale-page>', () => {
  it('opens on DeepSeek-V3 with every section, and a routed token', async () => {
    const el = await mount('scale-page', {}, 1200);
    // DeepSeek-V3's router is drawn over several tasks; its first token is routed when it is ready.
    await el.routed();
    await settle(el);
    const t = deep(el);
    for (const h of [
      '1. Choose a model',
      '2. Count its weights',
      '3. One MoE layer of DeepSeek-V3: every expert',
      '4. Your toy vs DeepSeek-V3',
      '5. What did training cost?',
    ])
      expect(t).toContain(h);
    expect(t).toContain('671.0B');
    expect(t).toContain('37.6B');
    expect(t).toContain('Token 1: chosen');
    expect(t).toContain('2.788M');
    const select = byLabel<HTMLSelectElement>(el, 'Model');
    const options = [...select.options];
    expect(options.map((o) => o.textContent!.replace(/\s+/g, ' ').trim().split(' · published')[0])).toEqual([
      'DeepSeek-V3',
      'DeepSeek-V2',
      'Mixtral 8x7B',
      'Kimi K2',
      'Qwen3-235B-A22B',
      'Qwen3-30B-A3B',
      'gpt-oss-120b',
      'gpt-oss-20b',
      'Llama 4 Scout',
      'Llama 4 Maverick',
      'GLM-4.5',
      'GLM-4.5-Air',
      'Mixtral 8x22B',
      'OLMoE-1B-7B',
      'DeepSeek-V2-Lite',
      'Qwen1.5-MoE-A2.7B',
      'Llama 3.1 8B',
      'Your toy model · 8 experts, top-2, width 32',
    ]);
    expect(options[0]!.textContent).toContain('published 671B total');
    expect(select.value).toBe('deepseek-v3');
    expect(options[0]!.selected).toBe(true);
  });

  it('choosing a preset fills the box and recounts', async () => {
    const el = await mount('scale-page', {}, 1200);
    // Sections 3 to 5 are drawn in the task after the first paint.
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('toy-vs-real')).not.toBeNull());
    pick(el, 'mixtral-8x7b');
    await settle(el);
    expect(deep(el)).toContain('Showing: Mixtral 8x7B');
    expect(deep(el)).toContain('46.7B');
    // Every section follows the chosen model: its layer of experts, the toy against it, its training cost.
    expect(deep(el)).toContain('3. One MoE layer of Mixtral 8x7B: every expert');
    expect(deep(el)).toContain('4. Your toy vs Mixtral 8x7B');
    expect(deep(el)).toContain('a token uses 2 of 8 of them (25.0%)');
    expect(deep(el)).not.toContain('4. Your toy vs DeepSeek-V3');
    const box = byLabel<HTMLTextAreaElement>(el.shadowRoot!.querySelector('config-input')!, 'Paste a config.json');
    expect(box.value).toBe(presetText(presetById('mixtral-8x7b')!));
    expect(new URLSearchParams(location.search).get('model')).toBe('mixtral-8x7b');
    history.replaceState(null, '', location.pathname);
  });

  it('a pasted config shows as its own entry of the list; a dense model shows no layer of experts', async () => {
    const el = await mount('scale-page', {}, 1200);
    paste(el, JSON.stringify(presetById('mixtral-8x7b')!.config));
    await settle(el);
    const select = byLabel<HTMLSelectElement>(el, 'Model');
    expect(select.value).toBe('custom');
    expect(select.selectedOptions[0]!.textContent).toBe('Your own config (pasted or opened)');
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('toy-vs-real')).not.toBeNull());
    pick(el, 'llama-3.1-8b');
    await settle(el);
    const t = deep(el);
    expect(t).toContain('Showing: Llama 3.1 8B');
    expect(t).toContain('32 dense layers, width 4,096, vocabulary 128,256; no experts: every weight works for every token.');
    expect(t).toContain('3. Llama 3.1 8B is dense: no experts to route');
    expect(t).toContain('all 8.0B weights work for every token (100% active)');
    expect(t).toContain('4. Your toy vs Llama 3.1 8B');
    expect(t).toContain('Llama 3.1 8B is dense: it has no experts to choose from, so every weight works for every token (100%).');
    expect(t).toContain('none: a dense model, every weight works for every token');
    expect(el.shadowRoot!.querySelector('layer-experts')).toBeNull();
    expect(new URLSearchParams(location.search).get('model')).toBe('llama-3.1-8b');
    pick(el, 'glm-4.5');
    await settle(el);
    expect(deep(el)).toContain('Showing: GLM-4.5');
    expect(el.shadowRoot!.querySelector('layer-experts')).not.toBeNull();
    history.replaceState(null, '', location.pathname);
  });

  it('a pasted config is counted; broken JSON keeps the last good model and says where', async () => {
    const el = await mount('scale-page', {}, 1200);
    pick(el, 'mixtral-8x7b');
    await settle(el);
    paste(el, JSON.stringify(presetById('deepseek-v3')!.config));
    await settle(el);
    expect(deep(el)).toContain('Showing: DeepSeek-V3 (pasted)');
    expect(deep(el)).toContain('671.0B');
    paste(el, '{\n  "model_type": "mixtral",\n  "hidden_size": 4096\n  "vocab_size": 32000\n}');
    await settle(el);
    const t = deep(el);
    expect(t).toContain('Line 4, column 3: Not valid JSON: expected "," between two properties (a comma is missing).');
    expect(t).toContain('Still showing the last good model: DeepSeek-V3 (pasted).');
    expect(t).toContain('671.0B');
    history.replaceState(null, '', location.pathname);
  });

  it('a config that parses but cannot be counted names the field and points at it', async () => {
    const el = await mount('scale-page', {}, 1200);
    paste(el, '{\n  "model_type": "mixtral",\n  "vocab_size": 32000,\n  "hidden_size": "4096"\n}');
    await settle(el);
    expect(deep(el)).toContain('Line 4, column 18: Cannot count this config: "hidden_size" must be a whole number, not "4096".');
    paste(el, '{"model_type": "gpt2"}');
    await settle(el);
    expect(deep(el)).toContain('"model_type" "gpt2" is not supported');
  });

  it('a config without model_type is read as its fields tell, and says so; unknown fields are named; a missing field is pointed at', async () => {
    const el = await mount('scale-page', {}, 1200);
    const { model_type: _type, ...qwen } = presetById('qwen3-30b-a3b')!.config as Record<string, unknown>;
    paste(el, JSON.stringify({ ...qwen, my_note: 'x' }, null, 2));
    await settle(el);
    let t = deep(el);
    expect(t).toContain('No model_type: read as qwen3_moe from its architecture (architectures = Qwen3MoeForCausalLM)');
    expect(t).toContain('Ignored, not known to this page: my_note');
    expect(t).toContain('30.5B');
    const status = el.shadowRoot!.querySelector('config-input')!.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent).toContain('read as qwen3_moe');
    const { num_experts_per_tok: _k, ...lacking } = qwen;
    const text = JSON.stringify(lacking, null, 2);
    paste(el, text);
    await settle(el);
    t = deep(el);
    // The closing brace of the object that lacks it: where it would go.
    expect(t).toContain(`Line ${text.split('\n').length}, column 1: Cannot count this config: "num_experts_per_tok" is missing.`);
    expect(t).not.toContain('read as qwen3_moe');
    history.replaceState(null, '', location.pathname);
  });

  it('draws a large router over several tasks with a progress bar; another token waits for it, another model cancels it', async () => {
    const el = await mount('scale-page', {}, 1200);
    await el.routed();
    // A router of 2,048 experts × 2,048 (4.2M weights) is drawn a slice per task.
    const big = {
      ...(presetById('mixtral-8x7b')!.config as Record<string, unknown>),
      hidden_size: 2048,
      num_local_experts: 2048,
      num_experts_per_tok: 4,
    };
    paste(el, JSON.stringify(big));
    await settle(el);
    const layer = el.shadowRoot!.querySelector('layer-experts')!;
    const bar = layer.shadowRoot!.querySelector('progress')!;
    expect(bar.getAttribute('aria-label')).toBe("Drawing the router's random weights");
    expect(bar.value).toBeGreaterThan(0);
    expect(bar.value).toBeLessThan(1);
    expect(deep(el)).toContain("Drawing this router's random weights");
    // "Route a token" while it draws moves on to token 2 and does not start again.
    layer.shadowRoot!.querySelector('button')!.click();
    await el.routed();
    await settle(el);
    expect(layer.shadowRoot!.querySelector('progress')).toBeNull();
    expect(deep(el)).toContain('Token 2: chosen');
    expect(deep(el)).toContain('The router scored all 2,048 experts with 4,194,304 multiply-adds');

    // Another model while a router is drawn: the drawing stops and the new model's token shows.
    paste(el, JSON.stringify({ ...big, hidden_size: 2016 }));
    await settle(el);
    expect(layer.shadowRoot!.querySelector('progress')).not.toBeNull();
    pick(el, 'mixtral-8x7b');
    await el.routed();
    await new Promise((r) => setTimeout(r, 50));
    await settle(el);
    expect(deep(el)).toContain('Showing: Mixtral 8x7B');
    expect(deep(el)).toContain('The router scored all 8 experts with 32,768 multiply-adds');
    expect(layer.shadowRoot!.querySelector('progress')).toBeNull();
    history.replaceState(null, '', location.pathname);
  });
});
