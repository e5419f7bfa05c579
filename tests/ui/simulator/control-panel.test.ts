import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/core/config';
import '../../../src/ui/simulator/control-panel';
import type { CommandEvent, ConfigChangeEvent, ViewChangeEvent } from '../../../src/ui/shared/events';

async function mount(config: MoeConfig = { ...DEFAULT_CONFIG }) {
  const el = document.createElement('control-panel');
  el.config = config;
  el.gamma = 0.01;
  el.speed = 2;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const byLabel = (el: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement => {
  const label = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`no label ${text}`);
  return el.shadowRoot!.getElementById(label.htmlFor) as HTMLInputElement;
};

describe('<control-panel>', () => {
  it('has a labelled control for every setting the issue lists, with visible values', async () => {
    const el = await mount();
    for (const name of [
      'Routed experts',
      'Active experts per token (top-k)',
      'Shared experts',
      'Expert granularity',
      'Capacity factor',
      'Router',
      'Router noise',
      'Bias update speed (γ)',
      'Seed',
      'Play speed',
      'MoE layers',
    ]) {
      expect(byLabel(el, name), name).toBeTruthy();
    }
    expect(el.shadowRoot!.getElementById('experts-value')!.textContent).toBe('8');
    expect(el.shadowRoot!.getElementById('capacity-value')!.textContent).toBe('no limit');
    expect(byLabel(el, 'Capacity factor').getAttribute('aria-valuetext')).toBe('no limit');
    const buttons = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Previous token', 'Next token', 'Play', 'Reset']);
    el.remove();
  });

  it('sends config, view and command events', async () => {
    const el = await mount();
    const got: unknown[] = [];
    el.addEventListener('config-change', (e: ConfigChangeEvent) => got.push(e.change));
    el.addEventListener('view-change', (e: ViewChangeEvent) => got.push(e.change));
    el.addEventListener('command', (e: CommandEvent) => got.push(e.command));
    const experts = byLabel(el, 'Routed experts') as HTMLInputElement;
    experts.value = '16';
    experts.dispatchEvent(new Event('input'));
    const cap = byLabel(el, 'Capacity factor') as HTMLInputElement;
    cap.value = '2';
    cap.dispatchEvent(new Event('input'));
    const speed = byLabel(el, 'Play speed') as HTMLInputElement;
    speed.value = '5';
    speed.dispatchEvent(new Event('input'));
    const router = byLabel(el, 'Router') as HTMLSelectElement;
    router.value = 'expert-choice';
    router.dispatchEvent(new Event('change'));
    el.shadowRoot!.querySelectorAll('button')[2]!.click();
    expect(got).toEqual([{ routedExperts: 16 }, { capacityFactor: 1 }, { speed: 5 }, { router: 'expert-choice' }, 'toggle-play']);
    el.remove();
  });

  it('shows a refused change next to its control and links it for screen readers', async () => {
    const el = await mount();
    el.problems = [{ field: 'topK', code: 'config.topKExceedsExperts', args: { topK: 9, experts: 8 } }];
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('top-k (9) cannot exceed the number of routed experts (8)');
    expect(byLabel(el, 'Active experts per token (top-k)').getAttribute('aria-describedby')).toBe(alert.id);
    el.remove();
  });

  it('hides the controls a teacher lists, and shows router-specific ones', async () => {
    const el = await mount({ ...DEFAULT_CONFIG, router: 'sigmoid-bias', nGroup: 4, topkGroup: 2 });
    expect(byLabel(el, 'Expert groups')).toBeTruthy();
    expect(byLabel(el, 'Groups per token')).toBeTruthy();
    expect((byLabel(el, 'Bias update speed (γ)') as HTMLInputElement).disabled).toBe(false);
    expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim())).toContain('Apply bias update');
    el.hide = ['router', 'seed'];
    await el.updateComplete;
    expect(() => byLabel(el, 'Router')).toThrow();
    expect(() => byLabel(el, 'Seed')).toThrow();
    expect(byLabel(el, 'Routed experts')).toBeTruthy();
    el.remove();
  });
});

describe('<control-panel> gate weights', () => {
  it('offers both rules for token-choice routers, says at top-1 that renormalised weights teach the router nothing, and sends the choice', async () => {
    const el = await mount({ ...DEFAULT_CONFIG, topK: 1 });
    const select = byLabel(el, 'Gate weights') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['chosen', 'all']);
    expect(el.shadowRoot!.textContent).toContain('the router learns nothing from the task');
    const got: unknown[] = [];
    el.addEventListener('config-change', (e: ConfigChangeEvent) => got.push(e.change));
    select.value = 'all';
    select.dispatchEvent(new Event('change'));
    expect(got).toEqual([{ gateNorm: 'all' }]);
    el.config = { ...DEFAULT_CONFIG, router: 'expert-choice' };
    await el.updateComplete;
    expect(() => byLabel(el, 'Gate weights')).toThrow(/no label/);
    el.remove();
  });
});
