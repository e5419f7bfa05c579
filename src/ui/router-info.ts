/** Names, one-line formulas and plain-words captions of the four routers, for every page. */
import type { RouterKind } from '../core/config';

export interface RouterInfo {
  name: string;
  source: string;
  formula: string;
  words: string;
}

export const ROUTER_INFO: Record<RouterKind, RouterInfo> = {
  'softmax-topk': {
    name: 'Softmax top-k',
    source: 'Mixtral, GShard',
    formula: 'g = softmax(top-k(x·W))',
    words: 'Score every expert, keep the k best, and share the weight among them with a softmax.',
  },
  'noisy-topk': {
    name: 'Noisy top-k',
    source: 'Shazeer et al. 2017',
    formula: 'h = x·W + ε·softplus(x·W_noise), ε ~ N(0,1); g = softmax(top-k(h))',
    words: 'Like softmax top-k, but random noise nudges the scores so that more experts get tried.',
  },
  'sigmoid-bias': {
    name: 'Sigmoid with bias',
    source: 'DeepSeek-V3',
    formula: 's = σ(x·W); pick top-k of s + b in the best groups; g = s / Σs · scale',
    words: 'Each expert gets an independent score. A balancing bias changes who is picked, never the weights.',
  },
  'expert-choice': {
    name: 'Expert choice',
    source: 'Zhou et al. 2022',
    formula: 'p = softmax(x·W); each expert takes its top-c tokens; g = p',
    words: 'The experts choose: each takes the same number of tokens, so load is perfectly even, but a token may get none.',
  },
};
