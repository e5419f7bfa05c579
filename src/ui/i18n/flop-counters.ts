/**
 * Dense vs sparse, counted live (src/ui/routing/flop-counters.ts), and the parameter meter's words
 * for how the current token's active count compares with the previous token's
 * (src/ui/simulator/param-meter.ts). Numbers arrive formatted.
 */
import { getLang } from './locale';
import { section } from './section';

const en = {
  counters: {
    title: 'Dense vs sparse, counted',
    groupLabel: (tokens: string, total: string) => `FLOPs of the sparse and the dense model over the first ${tokens} of ${total} tokens`,
    sparse: 'Sparse: this MoE model',
    dense: 'Dense: same total size, every expert runs',
    flops: 'FLOPs',
    multiplyAdds: (n: string) => `${n} multiply-adds`,
    step: (n: string) => `+${n} for this token`,
    ratio: (times: string, saved: string) => `${times}× fewer FLOPs · ${saved} saved`,
    explain: (tokens: string, total: string) =>
      `Tokens 1–${tokens} of ${total}. The dense model runs every routed expert on every token; the sparse one runs only the experts each token was routed to. ` +
      'Both count the router and the output head. 1 multiply-add = 2 FLOPs.',
    none: 'No tokens counted yet.',
  },
  meter: {
    same: 'Same number of active parameters as the previous token.',
    fixedK: (k: number) =>
      `With a fixed k (${k} routed ${k === 1 ? 'expert' : 'experts'} per token in each layer) every token uses the same number of parameters — only which experts change.`,
    allSame: 'Every token of this sentence uses the same number of parameters — only which experts change.',
    change: (delta: string, previous: string) => `${delta} vs the previous token (${previous}).`,
  },
};

const zh: typeof en = {
  counters: {
    title: '稠密与稀疏，实时计数',
    groupLabel: (tokens, total) => `前 ${tokens} 个词元（共 ${total} 个）上稀疏模型与稠密模型的 FLOPs`,
    sparse: '稀疏：这个 MoE 模型',
    dense: '稠密：总参数量相同，所有专家都运行',
    flops: 'FLOPs',
    multiplyAdds: (n) => `${n} 次乘加`,
    step: (n) => `这个词元 +${n}`,
    ratio: (times, saved) => `只需稠密模型 1/${times} 的 FLOPs · 节省 ${saved}`,
    explain: (tokens, total) =>
      `第 1–${tokens} 个词元（共 ${total} 个）。稠密模型让每个词元经过所有路由专家；稀疏模型只运行每个词元被路由到的专家。` +
      '两者都计入路由器和输出头。1 次乘加 = 2 FLOPs。',
    none: '还没有计入任何词元。',
  },
  meter: {
    same: '激活参数数与上一个词元相同。',
    fixedK: (k) => `k 固定时（每层每个词元 ${k} 个路由专家），每个词元用到的参数数都相同——变化的只是用哪些专家。`,
    allSame: '这个句子的每个词元用到的参数数都相同——变化的只是用哪些专家。',
    change: (delta, previous) => `与上一个词元（${previous}）相比 ${delta}。`,
  },
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const flopWords = (): typeof en => part[getLang()];
