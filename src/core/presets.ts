/**
 * The real-scale presets: Hugging Face style configs copied into the project (so a clone works
 * without ../shared) with the figures their authors published, to check the counting against.
 */
import deepseekV2 from './presets/deepseek-v2.json';
import deepseekV3 from './presets/deepseek-v3.json';
import mixtral from './presets/mixtral-8x7b.json';

export interface Published {
  /** Headline totals as published, in weights. */
  total: number;
  active: number;
  source: string;
}

export interface Preset {
  id: 'deepseek-v3' | 'deepseek-v2' | 'mixtral-8x7b';
  name: string;
  config: Readonly<Record<string, unknown>>;
  published: Published;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    config: deepseekV3,
    published: { total: 671e9, active: 37e9, source: 'DeepSeek-V3 technical report, arXiv 2412.19437' },
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2',
    config: deepseekV2,
    published: { total: 236e9, active: 21e9, source: 'DeepSeek-V2 paper, arXiv 2405.04434' },
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    config: mixtral,
    published: { total: 46.7e9, active: 12.9e9, source: 'Mistral AI, "Mixtral of experts", December 2023' },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The config as the page shows it in its text box. */
export function presetText(p: Preset): string {
  return `${JSON.stringify(p.config, null, 2)}\n`;
}
