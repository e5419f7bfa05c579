import { describe, expect, it } from 'vitest';
import { toyPreset, KV_PRESETS } from '../../../src/core/kv-cache';
import '../../../src/ui/memory/kv-calculator';
import type { KvSettingsEvent } from '../../../src/ui/memory/kv-calculator';

async function mount(setup: (el: HTMLElementTagNameMap['kv-calculator']) => void = () => {}) {
  const el = document.createElement('kv-calculator');
  setup(el);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as T;
const row = (el: HTMLElement, kind: string) =>
  [...$(el, `tr[data-kind="${kind}"]`).children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());

async function set(el: HTMLElement, sel: string, value: string, type: 'input' | 'change') {
  const input = $<HTMLInputElement | HTMLSelectElement>(el, sel);
  input.value = value;
  input.dispatchEvent(new Event(type));
  await (el as HTMLElementTagNameMap['kv-calculator']).updateComplete;
}

describe('<kv-calculator>', () => {
  it('shows DeepSeek-V3 by default: 35,136 per token, 8.58 GiB for 128K tokens in bf16, the MLA row marked as the model’s own', async () => {
    const el = await mount();
    expect($(el, '.headline .per-token').textContent).toBe('35,136 numbers per token');
    expect($(el, '.headline .total').textContent).toBe('8.58 GiB');
    expect($(el, '.headline').textContent).toContain('488 GiB, 57× more');
    expect(row(el, 'mla')).toEqual([
      'Multi-head latent (MLA) this model',
      '(dc + dhR) · l = (512 + 64) · 61',
      '576',
      '35,136',
      '8.58 GiB4,605,345,792 numbers',
      'Stronger',
    ]);
    expect(row(el, 'mha')).toEqual([
      'Multi-head (MHA)',
      '2 · nh · dh · l = 2 · 128 · 128 · 61',
      '32,768',
      '1,998,848',
      '488 GiB261,993,005,056 numbers',
      'Strong',
    ]);
    expect(row(el, 'gqa').slice(2, 4)).toEqual(['2,048', '124,928']);
    expect(row(el, 'mqa').slice(2, 4)).toEqual(['256', '15,616']);
    expect($(el, 'tr.native').dataset.kind).toBe('mla');
    expect(el.shadowRoot!.textContent).toContain('as few numbers as grouped-query attention with 2.25 groups would');
    el.remove();
  });

  it('has labelled controls with visible values; the sliders step in powers of two', async () => {
    const el = await mount();
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).toEqual(['Model', 'Context length', 'or type', 'Batch size', 'or type', 'Precision of each number']);
    expect($(el, '#context').getAttribute('aria-valuetext')).toBe('131,072 tokens');
    const events: unknown[] = [];
    el.addEventListener('kv-settings', (e: KvSettingsEvent) => events.push(e.settings));
    await set(el, '#context', '12', 'input');
    expect($(el, 'output[for="context"]').textContent).toBe('4,096 tokens');
    expect($<HTMLInputElement>(el, '#context-typed').value).toBe('4096');
    await set(el, '#batch', '5', 'input');
    expect($(el, 'output[for="batch"]').textContent).toBe('32 sequences');
    await set(el, '#precision', 'fp32', 'change');
    // 35,136 × 4,096 × 32 × 4 bytes = 18,420,334,592 bytes.
    expect($(el, '.headline .total').textContent).toBe('17.2 GiB');
    expect(events).toEqual([
      { preset: 'deepseek-v3', context: 4096, batch: 1, precision: 'bf16' },
      { preset: 'deepseek-v3', context: 4096, batch: 32, precision: 'bf16' },
      { preset: 'deepseek-v3', context: 4096, batch: 32, precision: 'fp32' },
    ]);
    el.remove();
  });

  it('a typed number out of range gets a message next to its box and the last good state stays', async () => {
    const el = await mount((e) => {
      e.context = 1000;
    });
    await set(el, '#context-typed', '131073', 'change');
    expect($(el, '#context-problem').textContent).toBe('Context length must be from 1 to 131,072 tokens, not 131,073.');
    expect($(el, '#context-problem').getAttribute('role')).toBe('alert');
    expect($(el, '#context-typed').getAttribute('aria-describedby')).toBe('context-problem');
    expect($(el, 'output[for="context"]').textContent).toBe('1,000 tokens');
    await set(el, '#batch-typed', '1.5', 'change');
    expect($(el, '#batch-problem').textContent).toBe('Batch size must be a whole number from 1 to 1,024, not 1.5.');
    expect($(el, 'output[for="batch"]').textContent).toBe('1 sequence');
    await set(el, '#context-typed', '777', 'change');
    expect($(el, '#context-problem')).toBeNull();
    expect($(el, 'output[for="context"]').textContent).toBe('777 tokens');
    expect($(el, '#batch-problem')).not.toBeNull();
    el.remove();
  });

  it('Mixtral: grouped-query is its own; warns past its 32K context', async () => {
    const el = await mount((e) => {
      e.preset = 'mixtral-8x7b';
      e.context = 32768;
    });
    expect($(el, 'tr.native').dataset.kind).toBe('gqa');
    expect($(el, '.headline .per-token').textContent).toBe('65,536 numbers per token');
    expect($(el, '.headline .total').textContent).toBe('4.00 GiB');
    expect($(el, '.headline').textContent).toContain('16.0 GiB, 4× more');
    expect(el.shadowRoot!.textContent).not.toContain('reads at most');
    await set(el, '#context-typed', '65536', 'change');
    expect(el.shadowRoot!.textContent).toContain('Mixtral 8x7B reads at most 32,768 tokens;');
    el.remove();
  });

  it('the plain multi-head preset compares with latent attention; the toy row uses the d_c given', async () => {
    const el = await mount((e) => {
      e.presets = [...KV_PRESETS, toyPreset(8)];
      e.preset = 'mha-v3-width';
    });
    expect($(el, 'tr.native').dataset.kind).toBe('mha');
    expect($(el, '.headline').textContent).toContain('With latent attention it would be 8.58 GiB, 57× less');
    el.preset = 'toy';
    await el.updateComplete;
    expect($(el, '.headline .per-token').textContent).toBe('8 numbers per token');
    expect(row(el, 'mha')[3]).toBe('64');
    el.remove();
  });
});
