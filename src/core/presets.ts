/**
 * The real-scale presets: Hugging Face style configs copied into the project (so a clone works
 * without ../shared) with the figures their authors published, to check the counting against.
 */
import deepseekV2 from './presets/deepseek-v2.json';
import deepseekV3 from './presets/deepseek-v3.json';
import mixtral from './presets/mixtral-8x7b.json';

/**
 * Where the presets' published figures come from, by id, in English. The page words each id in its
 * language (src/ui/i18n/scale.ts, core.publishedSource), so every id needs a wording there too.
 */
export const PUBLISHED_SOURCES = {
  'deepseek-v3-report': 'DeepSeek-V3 technical report, arXiv 2412.19437',
  'deepseek-v2-paper': 'DeepSeek-V2 paper, arXiv 2405.04434',
  'mixtral-paper': 'Mistral AI, "Mixtral of experts", December 2023',
} as const;
export type PublishedSourceId = keyof typeof PUBLISHED_SOURCES;

export interface Published {
  /** Headline totals as published, in weights. */
  total: number;
  active: number;
  /** Where they were published: its id, and its English words (PUBLISHED_SOURCES[sourceId]). */
  sourceId: PublishedSourceId;
  source: string;
}

function published(total: number, active: number, sourceId: PublishedSourceId): Published {
  return { total, active, sourceId, source: PUBLISHED_SOURCES[sourceId] };
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
    published: published(671e9, 37e9, 'deepseek-v3-report'),
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2',
    config: deepseekV2,
    published: published(236e9, 21e9, 'deepseek-v2-paper'),
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    config: mixtral,
    published: published(46.7e9, 12.9e9, 'mixtral-paper'),
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The config as the page shows it in its text box. */
export function presetText(p: Preset): string {
  return `${JSON.stringify(p.config, null, 2)}\n`;
}
