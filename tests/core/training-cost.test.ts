import { describe, expect, it } from 'vitest';
import { countParams } from '../../src/core/params';
import { presetById } from '../../src/core/presets';
import {
  DEFAULT_UTILISATION,
  fitUtilisation,
  H800_BF16_PEAK_FLOPS,
  trainingCost,
  trainingFlops,
  V3_TRAINING,
} from '../../src/core/training-cost';

const v3 = countParams(presetById('deepseek-v3')!.config);
// Compute counts the weights that multiply: the input embedding is a lookup.
const sparseN = v3.activeWithoutEmbedding;
const denseN = v3.total - v3.embedding;
const defaults = {
  tokens: V3_TRAINING.tokens,
  peakFlops: H800_BF16_PEAK_FLOPS,
  utilisation: DEFAULT_UTILISATION,
  gpus: 2048,
  pricePerGpuHour: 2,
};

describe('published DeepSeek-V3 figures', () => {
  it('add up', () => {
    const { preTrainingGpuHours: a, contextExtensionGpuHours: b, postTrainingGpuHours: c } = V3_TRAINING;
    expect(a + b + c).toBeCloseTo(V3_TRAINING.gpuHours, -2);
    expect(V3_TRAINING.gpuHours * V3_TRAINING.pricePerGpuHour).toBeCloseTo(V3_TRAINING.dollars, -3);
  });
});

describe('the default utilisation is fitted to the published GPU-hours (and says so)', () => {
  const fitted = fitUtilisation(sparseN, V3_TRAINING.tokens, H800_BF16_PEAK_FLOPS, V3_TRAINING.gpuHours);
  it('6 · 36.6B · 14.8T at 989 TFLOP/s takes 2.788M GPU-hours at 32.76% utilisation', () => {
    expect(fitted).toBeCloseTo(0.32765, 4);
    expect(Math.abs(DEFAULT_UTILISATION - fitted)).toBeLessThan(0.00005);
  });
  it('fitted to the pre-training hours alone it would be about 34.3%', () => {
    expect(fitUtilisation(sparseN, V3_TRAINING.tokens, H800_BF16_PEAK_FLOPS, V3_TRAINING.preTrainingGpuHours)).toBeCloseTo(0.343, 3);
  });
});

describe('trainingCost with the defaults', () => {
  const sparse = trainingCost({ params: sparseN, ...defaults });
  it('reproduces 2.788M H800 GPU-hours and about $5.58M at $2/GPU-hour', () => {
    expect(sparse.flops).toBeCloseTo(6 * 36_625_618_432 * 14.8e12, -12);
    expect(Math.abs(sparse.gpuHours / V3_TRAINING.gpuHours - 1)).toBeLessThan(0.0005);
    expect((sparse.gpuHours / 1e6).toFixed(3)).toBe('2.788');
    expect((sparse.dollars / 1e6).toFixed(2)).toBe('5.58');
    // Under two months on 2,048 GPUs, as the report says.
    expect(sparse.days).toBeCloseTo(56.7, 1);
  });
  it('a dense model of the same size costs total/active as much', () => {
    const dense = trainingCost({ params: denseN, ...defaults });
    expect(dense.gpuHours / sparse.gpuHours).toBeCloseTo(denseN / sparseN, 10);
    expect(dense.gpuHours / sparse.gpuHours).toBeCloseTo(18.3, 1);
    expect(dense.gpuHours / 1e6).toBeCloseTo(51.0, 0);
    expect(dense.dollars / 1e6).toBeCloseTo(102, 0);
  });
  it('scales linearly', () => {
    const twice = trainingCost({ params: sparseN, ...defaults, tokens: 2 * defaults.tokens });
    expect(twice.gpuHours).toBeCloseTo(2 * sparse.gpuHours, 6);
    const more = trainingCost({ params: sparseN, ...defaults, gpus: 4096 });
    expect(more.gpuHours).toBe(sparse.gpuHours);
    expect(more.days).toBeCloseTo(sparse.days / 2, 10);
    const faster = trainingCost({ params: sparseN, ...defaults, utilisation: 2 * DEFAULT_UTILISATION });
    expect(faster.dollars).toBeCloseTo(sparse.dollars / 2, 4);
    expect(trainingFlops(1, 1)).toBe(6);
  });
});
