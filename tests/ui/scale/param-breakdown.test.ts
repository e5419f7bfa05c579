import { afterEach, describe, expect, it } from 'vitest';
import '../../../src/ui/scale/param-breakdown';
import { mount, preset, text, toy, unmountAll } from './scale-helpers';

afterEach(unmountAll);

describe('<param-breakdown>', () => {
  it('DeepSeek-V3: 671.0B total, 37.6B active, both conventions labelled, published beside counted', async () => {
    const el = await mount('param-breakdown', { model: preset('deepseek-v3') });
    const t = text(el);
    expect(t).toContain('Total weights 671.0B');
    expect(t).toContain('Active for one token 37.6B 5.6% of all weights');
    expect(t).toContain('Counting the input embedding as active');
    expect(t).toContain('37.6B = 5.6%');
    expect(t).toContain('Without the input embedding');
    expect(t).toContain('36.6B = 5.5%');
    expect(t).toContain('Published (DeepSeek-V3 technical report, arXiv 2412.19437): 671B total, 37B active.');
    expect(t).toContain('671.0B total (+0.0%)');
    // The exact count is in the title of the number.
    const big = el.shadowRoot!.querySelector('.big data')!;
    expect(big.getAttribute('title')).toBe('671,026,419,200 weights');
    expect(big.getAttribute('value')).toBe('671026419200');
    expect(el.shadowRoot!.querySelector('.big')!.getAttribute('aria-label')).toBe('671.0 billion weights in total');
  });

  it('beside the published figures: what a preset shares (V3.1, V3.2) or why its count differs (Kimi K2’s rounded 1T)', async () => {
    const v3 = await mount('param-breakdown', { model: preset('deepseek-v3') });
    expect(text(v3)).toContain('DeepSeek-V3.1 and V3.2 share this shape');
    const kimi = await mount('param-breakdown', { model: preset('kimi-k2') });
    expect(text(kimi)).toContain('The card gives the total rounded to a whole trillion (“1T”); the config counts 1.026T.');
    const mixtral = await mount('param-breakdown', { model: preset('mixtral-8x7b') });
    expect(text(mixtral)).not.toContain('share this shape');
  });

  it('a table row per non-empty part, with totals, shares and active counts', async () => {
    const el = await mount('param-breakdown', { model: preset('deepseek-v3') });
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(rows.map((r) => r[0])).toEqual([
      'Input embedding',
      'Output head',
      'Attention',
      'Dense feed-forward',
      'Routed experts',
      'Shared experts',
      'Routers',
      'Norms',
    ]);
    const routed = rows[4]!;
    expect(routed[1]).toBe('58 × 256 experts of 44.0M; 8 used per token');
    expect(routed.slice(2)).toEqual(['653.9B', '97.4%', '20.4B']);
    const foot = [...el.shadowRoot!.querySelectorAll('tfoot td')].map((c) => c.textContent!.trim());
    expect(foot).toEqual(['', '671.0B', '100%', '37.6B']);
  });

  it('"Show exact counts" shows every digit', async () => {
    const el = await mount('param-breakdown', { model: preset('deepseek-v3') });
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.closest('label')!.textContent!.trim()).toBe('Show exact counts');
    box.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('tfoot')!.textContent).toContain('671,026,419,200');
    expect(el.shadowRoot!.querySelector('tfoot')!.textContent).toContain('37,552,297,472');
  });

  it('Mixtral hides the parts it does not have; notes say what was assumed and left out', async () => {
    const el = await mount('param-breakdown', { model: preset('mixtral-8x7b') });
    const parts = [...el.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(parts).not.toContain('Dense feed-forward');
    expect(parts).not.toContain('Shared experts');
    const t = text(el);
    expect(t).toContain('46.7B');
    expect(t).toContain('12.9B');
    expect(t).toContain('multi-token-prediction modules and vision towers');
    expect(t).toContain('head_dim = 128 (hidden_size / num_attention_heads)');
  });

  it('GLM-4.5: the published active figure is set beside the count without both vocabulary matrices, its convention', async () => {
    const el = await mount('param-breakdown', { model: preset('glm-4.5') });
    const t = text(el);
    expect(t).toContain('Published (Z.ai, GLM-4.5 model card and report, arXiv 2508.06471): 355B total, 32B active.');
    expect(t).toContain('352.8B total (−0.6%)');
    expect(t).toContain(
      'Without the output head as well (the “non-embedding” count, which this publisher’s figure matches): 32.1B (+0.3%).',
    );
    // Only where that is the preset's convention.
    expect(text(await mount('param-breakdown', { model: preset('mixtral-8x7b') }))).not.toContain('Without the output head as well');
  });

  it('the toy, counted by the simulator’s code, without a published line', async () => {
    const m = toy();
    const el = await mount('param-breakdown', { model: m });
    expect(el.shadowRoot!.querySelector('.published')).toBeNull();
    expect(el.shadowRoot!.querySelector('.big data')!.getAttribute('value')).toBe(String(m.total));
    expect(text(el)).toContain('Where the weights are: Your toy model');
  });

  it('says so when there is no model', async () => {
    const el = await mount('param-breakdown', { model: null });
    expect(text(el)).toContain('No model to count.');
  });
});
