import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import { DEFAULT_TRAIN, type TrainSettings } from '../../../src/core/training';
import type { ConfigChangeEvent } from '../../../src/ui/shared/events';
import '../../../src/ui/training/training-controls';
import type { TrainCommandEvent, TrainSettingsEvent } from '../../../src/ui/training/training-events';

async function mount(config: MoeConfig = { ...DEFAULT_CONFIG }, settings: TrainSettings = { ...DEFAULT_TRAIN }) {
  const el = document.createElement('training-controls');
  el.config = config;
  el.settings = settings;
  el.step = 1234;
  el.tokensSeen = 98765;
  el.tokensPerSecond = 2345.6;
  el.stepsPerSecond = 3.14;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const byLabel = (el: HTMLElement, text: string): HTMLInputElement & HTMLSelectElement => {
  const label = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`no label ${text}`);
  return el.shadowRoot!.getElementById(label.htmlFor) as HTMLInputElement & HTMLSelectElement;
};
const buttons = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('button')];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<training-controls>', () => {
  it('has a labelled control for every setting, the buttons, and a progress readout', async () => {
    const el = await mount();
    for (const name of [
      'Learning rate',
      'Batch size',
      'Balancing',
      'Balance loss α',
      'Bias update speed (γ)',
      'Router z-loss',
      'Routed experts',
      'Active experts per token (top-k)',
      'Router',
      'MoE layers',
      'Seed',
    ]) {
      expect(byLabel(el, name), name).toBeTruthy();
    }
    expect(buttons(el).map((b) => b.textContent?.trim())).toEqual(['Train', 'Step', 'Reset training']);
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-label')).toBe('Training progress');
    expect([...status.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Step', 'Tokens seen', 'Tokens/s', 'Steps/s']);
    expect([...status.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['1,234', '98,765', '2,346', '3.1']);
    expect(byLabel(el, 'Learning rate').getAttribute('aria-valuetext')).toBe('0.03');
    expect([...byLabel(el, 'Balancing').options].map((o) => o.textContent)).toEqual([
      'none',
      'Switch balance loss',
      'DeepSeek-V3 bias',
      'bias + sequence-wise loss',
    ]);
    // α and γ only matter in their own modes.
    expect(byLabel(el, 'Balance loss α').disabled).toBe(true);
    expect(byLabel(el, 'Bias update speed (γ)').disabled).toBe(true);
    el.remove();
  });

  it('the Train button becomes Pause while training, and Step waits', async () => {
    const el = await mount();
    const got: string[] = [];
    el.addEventListener('train-command', (e: TrainCommandEvent) => got.push(e.command));
    buttons(el)[0]!.click();
    el.running = true;
    await el.updateComplete;
    expect(buttons(el)[0]!.textContent?.trim()).toBe('Pause');
    expect(buttons(el)[1]!.disabled).toBe(true);
    buttons(el)[0]!.click();
    buttons(el)[2]!.click();
    expect(got).toEqual(['toggle-train', 'toggle-train', 'reset']);
    el.remove();
  });

  it('sends training settings at once, and model changes only when a slider is let go', async () => {
    const el = await mount({ ...DEFAULT_CONFIG, topK: 3 }, { ...DEFAULT_TRAIN, balance: 'switch' });
    const settings: unknown[] = [];
    const configs: unknown[] = [];
    el.addEventListener('train-settings', (e: TrainSettingsEvent) => settings.push(e.change));
    el.addEventListener('config-change', (e: ConfigChangeEvent) => configs.push(e.change));
    const lr = byLabel(el, 'Learning rate');
    lr.value = '2';
    lr.dispatchEvent(new Event('input'));
    const alpha = byLabel(el, 'Balance loss α');
    expect(alpha.disabled).toBe(false);
    alpha.value = '5';
    alpha.dispatchEvent(new Event('input'));
    const balance = byLabel(el, 'Balancing');
    balance.value = 'bias';
    balance.dispatchEvent(new Event('change'));
    expect(settings).toEqual([{ learningRate: 0.001 }, { alpha: 0.1 }, { balance: 'bias' }]);

    const experts = byLabel(el, 'Routed experts');
    experts.value = '2';
    experts.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(configs).toEqual([]);
    expect(text(experts.previousElementSibling)).toBe('2'); // the value shown while dragging
    experts.dispatchEvent(new Event('change'));
    expect(configs).toEqual([{ routedExperts: 2, topK: 2 }]);
    const seed = byLabel(el, 'Seed');
    seed.value = '';
    seed.dispatchEvent(new Event('change'));
    expect(configs[1]).toEqual({ seed: Number.NaN });
    el.remove();
  });

  it('shows refused changes next to their control, others under the model, and notes from the shell', async () => {
    const el = await mount();
    el.problems = [
      { field: 'seed', message: 'seed (-3) must be between 0 and 4294967295' },
      { field: 'nGroup', message: '6 routed experts cannot be split evenly into 4 groups' },
    ];
    el.notes = { balance: 'The router was switched.' };
    await el.updateComplete;
    const seedProblem = el.shadowRoot!.getElementById('seed-problem')!;
    expect(seedProblem.getAttribute('role')).toBe('alert');
    expect(seedProblem.textContent).toBe('seed (-3) must be between 0 and 4294967295');
    expect(byLabel(el, 'Seed').getAttribute('aria-describedby')).toBe('seed-problem');
    const alerts = [...el.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts).toContain('6 routed experts cannot be split evenly into 4 groups');
    expect(text(el.shadowRoot!.querySelector('.note'))).toBe('The router was switched.');
    el.remove();
  });
});

describe('<training-controls> gate weights (the Switch rule)', () => {
  it('offers both rules, and at top-1 renormalised says the router cannot learn and offers the Switch rule', async () => {
    const el = await mount({ ...DEFAULT_CONFIG, topK: 1 });
    const select = byLabel(el, 'Gate weights');
    expect([...select.options].map((o) => o.value)).toEqual(['chosen', 'all']);
    expect(select.value).toBe('chosen');
    const note = el.shadowRoot!.querySelector('[role="note"]');
    expect(text(note)).toContain('cannot learn from the task loss');
    const changes: unknown[] = [];
    el.addEventListener('config-change', (e) => changes.push((e as ConfigChangeEvent).change));
    buttons(el)
      .find((b) => b.textContent?.includes('Switch rule'))!
      .click();
    expect(changes).toEqual([{ gateNorm: 'all' }]);
    el.config = { ...DEFAULT_CONFIG, topK: 1, gateNorm: 'all' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="note"]')).toBeNull();
    expect(byLabel(el, 'Gate weights').value).toBe('all');
    el.config = { ...DEFAULT_CONFIG, topK: 2 };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="note"]')).toBeNull();
    el.remove();
  });
});
