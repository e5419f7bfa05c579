/**
 * The real-scale presets: Hugging Face style configs copied into the project (so a clone works
 * without ../shared) with the figures their publishers gave, to check the counting against.
 *
 * Each preset names the config.json it was copied from (`configUrl`) and the convention under which
 * its count is compared with the publisher's active figure (`activeConvention`): the input
 * embedding counted (Mistral's, DeepSeek's, Qwen's, Meta's), left out (OpenAI's for gpt-oss; Kimi K2's
 * and DeepSeek-V2-Lite's figures match it), or both vocabulary matrices left out (GLM-4.5's figures
 * match that one). Where no publisher says which convention it used, the one its figure matches is taken.
 * The count lands within 1% of the published total and 2% of the published active figure, except
 * where `tolerance` says by how much it may then miss and the page says why (presetNotes in
 * src/ui/i18n/scale-core.ts; tests/scale-notes-i18n.test.ts checks there is one): tests/core/params-real.test.ts.
 */
import deepseekV2Lite from './presets/deepseek-v2-lite.json';
import deepseekV2 from './presets/deepseek-v2.json';
import deepseekV3 from './presets/deepseek-v3.json';
import glm45Air from './presets/glm-4.5-air.json';
import glm45 from './presets/glm-4.5.json';
import gptOss120b from './presets/gpt-oss-120b.json';
import gptOss20b from './presets/gpt-oss-20b.json';
import kimiK2 from './presets/kimi-k2.json';
import llama31 from './presets/llama-3.1-8b.json';
import llama4Maverick from './presets/llama4-maverick.json';
import llama4Scout from './presets/llama4-scout.json';
import mixtral8x22b from './presets/mixtral-8x22b.json';
import mixtral from './presets/mixtral-8x7b.json';
import olmoe from './presets/olmoe-1b-7b.json';
import qwen15Moe from './presets/qwen1.5-moe-a2.7b.json';
import qwen3_235b from './presets/qwen3-235b-a22b.json';
import qwen3_30b from './presets/qwen3-30b-a3b.json';

/**
 * Where the presets' published figures come from, by id, in English. The page words each id in its
 * language (src/ui/i18n/scale-core.ts, core.publishedSource), so every id needs a wording there too.
 */
export const PUBLISHED_SOURCES = {
  'deepseek-v3-report': 'DeepSeek-V3 technical report, arXiv 2412.19437',
  'deepseek-v2-paper': 'DeepSeek-V2 paper, arXiv 2405.04434',
  'mixtral-paper': 'Mistral AI, "Mixtral of experts", December 2023',
  'kimi-k2-card': 'Moonshot AI, Kimi-K2-Instruct model card, July 2025',
  'qwen3-cards': 'Qwen team, Qwen3 model cards, April 2025',
  'gpt-oss-card': 'OpenAI, gpt-oss-120b & gpt-oss-20b model card, arXiv 2508.10925',
  'llama4-card': 'Meta, Llama 4 model card, April 2025',
  'glm45-card': 'Z.ai, GLM-4.5 model card and report, arXiv 2508.06471',
  'mixtral-8x22b-post': 'Mistral AI, "Cheaper, Better, Faster, Stronger" (Mixtral 8x22B), April 2024',
  'olmoe-paper': 'OLMoE paper, arXiv 2409.02060',
  'qwen15-moe-blog': 'Qwen team, "Qwen1.5-MoE" blog post, March 2024',
  'llama31-card': 'Meta, Llama 3.1 model card, July 2024',
} as const;
export type PublishedSourceId = keyof typeof PUBLISHED_SOURCES;

/**
 * Which count the published active figure is compared with (params.ts RealParams):
 *   with-embedding     `active`, the input embedding counted (the toy's convention);
 *   without-embedding  `activeWithoutEmbedding`, the lookup table left out, the output head kept;
 *   without-vocab      `activeWithoutVocab`, both the input embedding and the output head left out.
 */
export type ActiveConvention = 'with-embedding' | 'without-embedding' | 'without-vocab';

export interface Published {
  /** Headline totals as published, in weights. */
  total: number;
  active: number;
  /** Where they were published: its id, and its English words (PUBLISHED_SOURCES[sourceId]). */
  sourceId: PublishedSourceId;
  source: string;
  /** The config.json the preset's config was copied from. */
  configUrl: string;
  activeConvention: ActiveConvention;
  /**
   * Only where the count misses the published figures by more than 1% (total) or 2% (active): by how
   * much it may miss instead (a fraction). The page says why (presetNotes in src/ui/i18n/scale-core.ts).
   */
  tolerance?: { total?: number; active?: number };
}

type Extra = Pick<Published, 'tolerance'>;

function published(
  total: number,
  active: number,
  sourceId: PublishedSourceId,
  configUrl: string,
  activeConvention: ActiveConvention,
  extra: Extra = {},
): Published {
  return { total, active, sourceId, source: PUBLISHED_SOURCES[sourceId], configUrl, activeConvention, ...extra };
}

const hf = (repo: string): string => `https://huggingface.co/${repo}/blob/main/config.json`;

export type PresetId =
  | 'deepseek-v3'
  | 'deepseek-v2'
  | 'mixtral-8x7b'
  | 'kimi-k2'
  | 'qwen3-235b-a22b'
  | 'qwen3-30b-a3b'
  | 'gpt-oss-120b'
  | 'gpt-oss-20b'
  | 'llama4-scout'
  | 'llama4-maverick'
  | 'glm-4.5'
  | 'glm-4.5-air'
  | 'mixtral-8x22b'
  | 'olmoe-1b-7b'
  | 'deepseek-v2-lite'
  | 'qwen1.5-moe-a2.7b'
  | 'llama-3.1-8b';

export interface Preset {
  id: PresetId;
  name: string;
  config: Readonly<Record<string, unknown>>;
  published: Published;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    config: deepseekV3,
    published: published(671e9, 37e9, 'deepseek-v3-report', hf('deepseek-ai/DeepSeek-V3'), 'with-embedding'),
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2',
    config: deepseekV2,
    published: published(236e9, 21e9, 'deepseek-v2-paper', hf('deepseek-ai/DeepSeek-V2'), 'with-embedding'),
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    config: mixtral,
    published: published(46.7e9, 12.9e9, 'mixtral-paper', hf('mistralai/Mixtral-8x7B-v0.1'), 'with-embedding'),
  },
  {
    id: 'kimi-k2',
    name: 'Kimi K2',
    config: kimiK2,
    published: published(1e12, 32e9, 'kimi-k2-card', hf('moonshotai/Kimi-K2-Instruct'), 'without-embedding', {
      tolerance: { total: 0.03 },
    }),
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3-235B-A22B',
    config: qwen3_235b,
    published: published(235e9, 22e9, 'qwen3-cards', hf('Qwen/Qwen3-235B-A22B'), 'with-embedding'),
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3-30B-A3B',
    config: qwen3_30b,
    published: published(30.5e9, 3.3e9, 'qwen3-cards', hf('Qwen/Qwen3-30B-A3B'), 'with-embedding'),
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    config: gptOss120b,
    // Parameters, not bytes: the card's 116.8B and 5.1B count weights, whatever their MXFP4 storage.
    published: published(116.8e9, 5.1e9, 'gpt-oss-card', hf('openai/gpt-oss-120b'), 'without-embedding'),
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    config: gptOss20b,
    published: published(20.9e9, 3.6e9, 'gpt-oss-card', hf('openai/gpt-oss-20b'), 'without-embedding'),
  },
  {
    id: 'llama4-scout',
    name: 'Llama 4 Scout',
    config: llama4Scout,
    published: published(109e9, 17e9, 'llama4-card', hf('meta-llama/Llama-4-Scout-17B-16E-Instruct'), 'with-embedding', {
      tolerance: { total: 0.015 },
    }),
  },
  {
    id: 'llama4-maverick',
    name: 'Llama 4 Maverick',
    config: llama4Maverick,
    published: published(400e9, 17e9, 'llama4-card', hf('meta-llama/Llama-4-Maverick-17B-128E-Instruct'), 'with-embedding'),
  },
  {
    id: 'glm-4.5',
    name: 'GLM-4.5',
    config: glm45,
    published: published(355e9, 32e9, 'glm45-card', hf('zai-org/GLM-4.5'), 'without-vocab'),
  },
  {
    id: 'glm-4.5-air',
    name: 'GLM-4.5-Air',
    config: glm45Air,
    published: published(106e9, 12e9, 'glm45-card', hf('zai-org/GLM-4.5-Air'), 'without-vocab'),
  },
  {
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B',
    config: mixtral8x22b,
    published: published(141e9, 39e9, 'mixtral-8x22b-post', hf('mistralai/Mixtral-8x22B-v0.1'), 'with-embedding'),
  },
  {
    id: 'olmoe-1b-7b',
    name: 'OLMoE-1B-7B',
    config: olmoe,
    published: published(6.9e9, 1.3e9, 'olmoe-paper', hf('allenai/OLMoE-1B-7B-0924'), 'with-embedding'),
  },
  {
    id: 'deepseek-v2-lite',
    name: 'DeepSeek-V2-Lite',
    config: deepseekV2Lite,
    published: published(15.7e9, 2.4e9, 'deepseek-v2-paper', hf('deepseek-ai/DeepSeek-V2-Lite'), 'without-embedding', {
      tolerance: { active: 0.025 },
    }),
  },
  {
    id: 'qwen1.5-moe-a2.7b',
    name: 'Qwen1.5-MoE-A2.7B',
    config: qwen15Moe,
    published: published(14.3e9, 2.7e9, 'qwen15-moe-blog', hf('Qwen/Qwen1.5-MoE-A2.7B'), 'with-embedding'),
  },
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    config: llama31,
    published: published(8e9, 8e9, 'llama31-card', hf('meta-llama/Llama-3.1-8B'), 'with-embedding'),
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The config as the page shows it in its text box. */
export function presetText(p: Preset): string {
  return `${JSON.stringify(p.config, null, 2)}\n`;
}
