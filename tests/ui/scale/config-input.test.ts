import { afterEach, describe, expect, it } from 'vitest';
import '../../../src/ui/scale/config-input';
import type { ConfigFileProblemEvent, ConfigTextEvent } from '../../../src/ui/scale/scale-events';
import { byLabel, mount, unmountAll } from './scale-helpers';

afterEach(unmountAll);

describe('<config-input>', () => {
  it('a labelled text box and file picker; typing sends the text up', async () => {
    const el = await mount('config-input', { value: '{}' });
    const box = byLabel<HTMLTextAreaElement>(el, 'Paste a config.json');
    expect(box.tagName).toBe('TEXTAREA');
    expect(box.value).toBe('{}');
    expect(byLabel(el, 'Or open a config.json file:').type).toBe('file');
    const got: string[] = [];
    el.addEventListener('config-text', (e: ConfigTextEvent) => got.push(e.text));
    box.value = '{"a": 1}';
    box.dispatchEvent(new Event('input'));
    expect(got).toEqual(['{"a": 1}']);
  });

  it('shows a problem with line, column and a caret under the line, next to the box', async () => {
    const el = await mount('config-input', {
      value: 'x',
      showing: 'DeepSeek-V3',
      problem: {
        message: 'Not valid JSON: expected "," between two properties (a comma is missing).',
        line: 3,
        column: 3,
        excerpt: '  "b": 2',
        caret: 2,
      },
    });
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent!.replace(/\s+/g, ' ')).toContain('Line 3, column 3: Not valid JSON: expected "," between two properties');
    expect(alert.textContent).toContain('Still showing the last good model: DeepSeek-V3.');
    expect(el.shadowRoot!.querySelector('pre')!.textContent).toBe('  "b": 2\n  ^');
    const box = byLabel<HTMLTextAreaElement>(el, 'Paste a config.json');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')).toContain('config-problem');
  });

  it('dropping a file sends its text with its name; a huge file is refused', async () => {
    const el = await mount('config-input', {});
    const texts: [string, string | null][] = [];
    const problems: string[] = [];
    el.addEventListener('config-text', (e: ConfigTextEvent) => texts.push([e.text, e.fileName]));
    el.addEventListener('config-file-problem', (e: ConfigFileProblemEvent) => problems.push(e.message));
    const box = byLabel<HTMLTextAreaElement>(el, 'Paste a config.json');
    const drop = (file: File) => {
      const dt = new DataTransfer();
      dt.items.add(file);
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    };
    drop(new File(['{"model_type": "mixtral"}'], 'config.json', { type: 'application/json' }));
    await expect.poll(() => texts).toEqual([['{"model_type": "mixtral"}', 'config.json']]);
    drop(new File([new Uint8Array(1_100_000)], 'model.safetensors'));
    await expect.poll(() => problems.length).toBe(1);
    expect(problems[0]).toContain('model.safetensors is 1074 KB');
  });
});
