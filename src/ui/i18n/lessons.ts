/**
 * The guided tour's words: the tour's own controls, and for each lesson its title and, per step, a
 * title and two or three plain sentences. The numbers in them come from `LessonFacts` (the live
 * trace on screen) and `PublishedFacts` (published configs), see src/state/lesson-facts.ts.
 */
import type { LessonFacts, PublishedFacts } from '../../state/lesson-facts';
import { getLang } from './locale';
import { MORE_LESSONS } from './lessons-more';
import { section } from './section';

type Body = (f: LessonFacts, p: PublishedFacts) => string;
interface StepText {
  title: string;
  body: Body;
  /** Shown under a prediction's result, once the reader checked. */
  after?: Body;
}
interface LessonText {
  title: string;
  steps: Record<string, StepText>;
}

const n = (v: number | bigint): string => v.toLocaleString('en');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const billions = (v: number): string => `${(v / 1e9).toFixed(1)}B`;
const w = (x: number): string => x.toFixed(2);
const choiceList = (f: LessonFacts): string => f.chosen.map((c) => `E${c.expert} (${w(c.weight)})`).join(', ');

const en = {
  start: 'Start the guided tour',
  startHint: 'Eight short lessons that set the controls for you and explain what you see.',
  region: 'Guided tour',
  heading: (lesson: number, lessons: number, title: string) => `Lesson ${lesson} of ${lessons}: ${title}`,
  chooseLesson: 'Lesson',
  lessonOption: (i: number, title: string) => `${i}. ${title}`,
  progress: (step: number, steps: number) => `Step ${step} of ${steps}`,
  tourProgress: 'Progress through the tour',
  back: 'Back',
  next: 'Next',
  nextLesson: 'Next lesson',
  finish: 'Finish the tour',
  close: 'Close the tour',
  lookHere: 'The tour is about this panel',
  announce: (lesson: number, step: number, steps: number, title: string) => `Lesson ${lesson}, step ${step} of ${steps}: ${title}`,
  openPage: 'Open the lesson page',
  badLink: (raw: string) => `Ignored lesson=${raw}: lessons are numbered 1 to 7, steps from 1 (for example lesson=4.2).`,
  finished: 'You have finished the tour. Every page is linked at the top; the controls are yours.',
  predict: {
    legend: (token: string) => `Predict, then check: which expert will “${token}” go to first?`,
    option: (e: number) => `E${e}`,
    check: 'Check',
    pick: 'Pick an expert first.',
    hidden: 'Hidden until you check',
    right: (token: string, guess: number, list: string) => `Right: the router sent “${token}” first to E${guess}. Its experts: ${list}.`,
    inTopK: (token: string, guess: number, best: number, list: string) =>
      `Close: E${guess} is one of the experts of “${token}”, but its first choice is E${best}. Its experts: ${list}.`,
    wrong: (token: string, guess: number, best: number, list: string) =>
      `Not this time: “${token}” went first to E${best}, not E${guess}. Its experts: ${list}.`,
  },
  lessons: {
    topk: {
      title: 'One token, one router, top-k',
      steps: {
        tokens: {
          title: 'A sentence becomes tokens',
          body: (f) =>
            `The sentence is cut into ${f.tokens} tokens, here one per word. The model works on one token at a time; the current one is outlined in the strip. Its colour says which expert did most of the work for it.`,
        },
        scores: {
          title: 'The router scores every expert',
          body: (f) =>
            `The router is a small layer that gives each of the ${f.experts} experts a score for “${f.token}”. A softmax turns the scores into probabilities: the bars. Nothing else has run yet.`,
        },
        topk: {
          title: 'Top-k: only the best k experts run',
          body: (f) =>
            `Top-k keeps the ${f.active} best experts, ${choiceList(f)}, and shares the token between them by those weights. The other ${f.experts - f.active} experts do no work for “${f.token}”: they stay dark.`,
        },
        predict: {
          title: 'Predict, then check',
          body: () =>
            `“cat” appeared earlier in this sentence, as token 3. The next token is “cat” again: which expert will it go to first? Pick one, then press Check; the live model answers.`,
          after: (f) =>
            `The same word went to the same experts: this toy has no attention, so its router sees only the word itself (now “${f.token}”). In a real model attention first mixes in the words around it, so the same word can go elsewhere.`,
        },
        try: {
          title: 'Your turn: change k',
          body: (f) =>
            `Here k = ${f.active}: “${f.token}” now goes to ${choiceList(f)}. Move the “Active experts per token” slider and step through the sentence: more experts per token means more work per token.`,
        },
      },
    },
    sparsity: {
      title: 'Only a fraction is active',
      steps: {
        meter: {
          title: 'Count the parameters that worked',
          body: (f) =>
            `The meter counts what did work for “${f.token}”: the embedding, the router and its ${f.active} experts. That is ${n(f.tokenActive)} of ${n(f.total)} parameters, ${pct(f.tokenShare)}.`,
        },
        many: {
          title: 'More experts, same work per token',
          body: (f) =>
            `Now there are ${f.experts} experts of ${n(f.expertParams)} parameters each, and still ${f.active} per token. The model holds ${n(f.total)} parameters, but a token uses ${n(f.tokenActive)}: only ${pct(f.tokenShare)}.`,
        },
        real: {
          title: 'The same counting at DeepSeek-V3’s size',
          body: (_f, p) =>
            `DeepSeek-V3 counted the same way: ${billions(p.v3Active)} of its ${billions(p.v3Total)} parameters work for each token, ${pct(p.v3Active / p.v3Total)}. That is why it is cheap to run and to train for its size.`,
        },
      },
    },
    experts: {
      title: 'More, smaller experts and shared experts',
      steps: {
        fine: {
          title: 'Split each expert into smaller ones',
          body: (f) =>
            `Each expert is cut into 4 narrower ones: ${f.experts} experts of ${n(f.expertParams)} parameters, and each token uses ${f.active} of them. The expert work per token stays the same: ${f.active} × ${n(f.expertParams)} = ${n(f.active * f.expertParams)} parameters, as 2 × 6,144 before. Only the router grows a little, to score ${f.experts} experts.`,
        },
        combos: {
          title: 'Many more combinations',
          body: (f) =>
            `What grows is the choice: a token can use ${n(f.combinations)} different sets of ${f.active} of ${f.experts} experts, instead of 28 sets of 2 of 8. DeepSeekMoE calls this fine-grained expert segmentation: experts can specialise more narrowly.`,
        },
        shared: {
          title: 'A shared expert runs for every token',
          body: (f) =>
            `Now ${f.shared} shared expert runs for every token, always lit, besides the ${f.active} routed ones. It can learn what all tokens need, so the routed experts need not all learn it. DeepSeek-V3 has 1 shared and 256 routed experts, 8 of them per token.`,
        },
        predict: {
          title: 'Predict, then check',
          body: (f) =>
            `With ${f.experts} routed experts of half the size and a shared one, the next token is “cat” again. Which routed expert will it go to first? Pick one and press Check.`,
          after: (f) =>
            `The shared expert worked for “${f.token}” too, as it does for every token; the router only chose among the ${f.experts} routed experts.`,
        },
      },
    },
    capacity: {
      title: 'Capacity and dropped tokens',
      steps: {
        limit: {
          title: 'Each expert has a capacity',
          body: (f) =>
            `With a capacity factor of 1, each expert takes at most ⌈1 × ${f.tokens} tokens × ${f.active} ÷ ${f.experts}⌉ = ${f.capacity ?? '—'} tokens of this sentence: the line on the load chart. Real systems fix this size so that work splits evenly across devices.`,
        },
        dropped: {
          title: 'Late tokens are dropped',
          body: (f) =>
            `Tokens that choose an expert after it is full are dropped for that expert (✕ in the strip): ${f.dropped} of ${f.choices} choices here. A dropped token skips that expert; the residual connection carries it on unchanged.`,
        },
        nolimit: {
          title: 'No limit, no drops',
          body: (f) =>
            `Without a limit nothing is dropped (${f.dropped} of ${f.choices}), but the busiest expert gets ${w(f.maxOverMean)}× the mean load, and on real hardware everyone waits for it. DeepSeek-V3 drops no tokens: its balancing keeps the load even instead.`,
        },
      },
    },
    balance: {
      title: 'Collapse and balancing',
      steps: {
        imbalance: {
          title: 'An uneven router',
          body: (f) =>
            `Each token goes to 1 expert here. The busiest expert gets ${w(f.maxOverMean)}× the mean load and ${f.idle} of ${f.experts} get nothing. In training this feeds itself: busy experts learn most, get chosen more, and the router can collapse onto a few.`,
        },
        bias: {
          title: 'DeepSeek-V3’s fix: a bias per expert',
          body: (f) =>
            `After each batch, DeepSeek-V3 raises the bias of under-loaded experts by γ and lowers it for overloaded ones. The bias only changes which experts are chosen, not their weights. The router panel shows the biases after ${f.biasSteps} updates.`,
        },
        after: {
          title: 'Even load, no extra loss',
          body: (f) =>
            `After ${f.biasSteps} updates the busiest expert gets ${w(f.maxOverMean)}× the mean and ${f.idle} are idle. No balance loss was added to training. The balance page trains two models side by side, with and without it.`,
        },
      },
    },
    scale: {
      title: 'From the toy to DeepSeek-V3',
      steps: {
        routing: {
          title: 'DeepSeek-V3’s routing, at toy width',
          body: (f) =>
            `This is DeepSeek-V3’s router on the toy: ${f.experts} routed experts in 8 groups, sigmoid scores with a bias, each token keeps its best 4 groups and then the ${f.active} best experts in them, plus ${f.shared} shared expert. Chosen for “${f.token}”: ${f.chosen.map((c) => `E${c.expert}`).join(', ')}.`,
        },
        count: {
          title: 'Same counting, 671B parameters',
          body: (f, p) =>
            `The toy has ${n(f.total)} parameters and uses ${pct(f.tokenShare)} per token. DeepSeek-V3, counted from its published config, has ${billions(p.v3Total)} and uses ${billions(p.v3Active)} (${pct(p.v3Active / p.v3Total)}): ${p.v3TopK} of ${p.v3Routed} routed experts in each MoE layer.`,
        },
      },
    },
    ...MORE_LESSONS.en,
  } satisfies Record<string, LessonText>,
};

const zh: typeof en = {
  start: '开始导览',
  startHint: '八节短课：自动为你设置控制项，并解释你看到的内容。',
  region: '导览',
  heading: (lesson, lessons, title) => `第 ${lesson} 课（共 ${lessons} 课）：${title}`,
  chooseLesson: '课程',
  lessonOption: (i, title) => `${i}. ${title}`,
  progress: (step, steps) => `第 ${step} 步（共 ${steps} 步）`,
  tourProgress: '导览进度',
  back: '上一步',
  next: '下一步',
  nextLesson: '下一课',
  finish: '结束导览',
  close: '关闭导览',
  lookHere: '导览正在讲这个面板',
  announce: (lesson, step, steps, title) => `第 ${lesson} 课，第 ${step} 步（共 ${steps} 步）：${title}`,
  openPage: '打开本课的页面',
  badLink: (raw) => `已忽略 lesson=${raw}：课程编号为 1 到 7，步骤从 1 开始（例如 lesson=4.2）。`,
  finished: '导览结束。所有页面都链接在顶部；现在控制项归你了。',
  predict: {
    legend: (token) => `先预测，再验证：“${token}”会首先去哪个专家？`,
    option: (e) => `E${e}`,
    check: '验证',
    pick: '请先选择一个专家。',
    hidden: '验证之前隐藏',
    right: (token, guess, list) => `答对了：路由器把“${token}”首先送到了 E${guess}。它的专家：${list}。`,
    inTopK: (token, guess, best, list) => `接近了：E${guess} 是“${token}”的专家之一，但首选是 E${best}。它的专家：${list}。`,
    wrong: (token, guess, best, list) => `这次没猜中：“${token}”首先去了 E${best}，而不是 E${guess}。它的专家：${list}。`,
  },
  lessons: {
    topk: {
      title: '一个词元、一个路由器、top-k',
      steps: {
        tokens: {
          title: '句子被切成词元',
          body: (f) =>
            `这个句子被切成 ${f.tokens} 个词元，这里每个词一个。模型一次处理一个词元；当前词元在词元条中带有边框，它的颜色表示为它做了最多计算的专家。`,
        },
        scores: {
          title: '路由器给每个专家打分',
          body: (f) =>
            `路由器是一个小小的层，为“${f.token}”给 ${f.experts} 个专家各打一个分。softmax 把得分变成概率，也就是这些条形。此时其他部分都还没有运行。`,
        },
        topk: {
          title: 'top-k：只有最好的 k 个专家运行',
          body: (f) =>
            `top-k 保留得分最高的 ${f.active} 个专家：${choiceList(f)}，并按这些权重分配这个词元。其余 ${f.experts - f.active} 个专家不为“${f.token}”做任何计算，保持暗色。`,
        },
        predict: {
          title: '先预测，再验证',
          body: () =>
            `“cat”在这个句子前面出现过，是第 3 个词元。下一个词元又是“cat”：它会首先去哪个专家？选一个，然后按“验证”，由实时运行的模型给出答案。`,
          after: (f) =>
            `同一个词去了同样的专家：这个小模型没有注意力，路由器只看到词本身（现在是“${f.token}”）。在真实模型中，注意力会先把周围的词的信息混进来，所以同一个词可能去往别的专家。`,
        },
        try: {
          title: '轮到你了：改变 k',
          body: (f) =>
            `这里 k = ${f.active}：“${f.token}”现在去往 ${choiceList(f)}。拖动“每个词元激活的专家数（top-k）”滑块并逐个查看词元：每个词元用的专家越多，计算量就越大。`,
        },
      },
    },
    sparsity: {
      title: '只有一小部分参数在工作',
      steps: {
        meter: {
          title: '数一数真正工作的参数',
          body: (f) =>
            `计数器统计为“${f.token}”做了计算的参数：嵌入、路由器和它的 ${f.active} 个专家。总共 ${n(f.total)} 个参数中有 ${n(f.tokenActive)} 个，占 ${pct(f.tokenShare)}。`,
        },
        many: {
          title: '专家更多，每个词元的计算量不变',
          body: (f) =>
            `现在有 ${f.experts} 个专家，每个 ${n(f.expertParams)} 个参数，每个词元仍然只用 ${f.active} 个。模型共有 ${n(f.total)} 个参数，一个词元只用 ${n(f.tokenActive)} 个：仅占 ${pct(f.tokenShare)}。`,
        },
        real: {
          title: '同样的算法，放到 DeepSeek-V3 的规模',
          body: (_f, p) =>
            `按同样的方法计算 DeepSeek-V3：它的 ${billions(p.v3Total)} 个参数中，每个词元用到 ${billions(p.v3Active)} 个，占 ${pct(p.v3Active / p.v3Total)}。这就是它以这样的规模仍然能便宜地运行和训练的原因。`,
        },
      },
    },
    experts: {
      title: '更小的专家与共享专家',
      steps: {
        fine: {
          title: '把每个专家切成更小的专家',
          body: (f) =>
            `每个专家被切成 4 个更窄的专家：共 ${f.experts} 个专家，每个 ${n(f.expertParams)} 个参数，每个词元使用其中 ${f.active} 个。每个词元在专家上的计算量不变：${f.active} × ${n(f.expertParams)} = ${n(f.active * f.expertParams)} 个参数，和之前的 2 × 6,144 一样。只有路由器稍微变大，因为要给 ${f.experts} 个专家打分。`,
        },
        combos: {
          title: '组合多得多',
          body: (f) =>
            `增加的是选择：一个词元可以使用 ${n(f.combinations)} 种不同的专家组合（从 ${f.experts} 个中选 ${f.active} 个），而不是从 8 个中选 2 个的 28 种。DeepSeekMoE 称之为细粒度专家划分：专家可以分工得更细。`,
        },
        shared: {
          title: '共享专家为每个词元运行',
          body: (f) =>
            `现在除了 ${f.active} 个路由专家，还有 ${f.shared} 个共享专家为每个词元运行，始终点亮。它可以学习所有词元都需要的知识，路由专家就不必每个都去学。DeepSeek-V3 有 1 个共享专家和 256 个路由专家，每个词元用其中 8 个。`,
        },
        predict: {
          title: '先预测，再验证',
          body: (f) =>
            `现在有 ${f.experts} 个只有一半大小的路由专家和一个共享专家，下一个词元又是“cat”。它会首先去哪个路由专家？选一个并按“验证”。`,
          after: (f) => `共享专家也为“${f.token}”做了计算，它为每个词元都这样做；路由器只在 ${f.experts} 个路由专家中做选择。`,
        },
      },
    },
    capacity: {
      title: '容量与被丢弃的词元',
      steps: {
        limit: {
          title: '每个专家都有容量',
          body: (f) =>
            `容量因子为 1 时，每个专家最多接收 ⌈1 × ${f.tokens} 个词元 × ${f.active} ÷ ${f.experts}⌉ = ${f.capacity ?? '—'} 个这个句子的词元，就是负载图上的那条线。真实系统固定这个大小，好让计算在各个设备之间平均分配。`,
        },
        dropped: {
          title: '来晚的词元被丢弃',
          body: (f) =>
            `专家满了之后才选它的词元，对这个专家而言会被丢弃（词元条中的 ✕）：这里 ${f.choices} 个选择中有 ${f.dropped} 个被丢弃。被丢弃的词元跳过这个专家，由残差连接原样传下去。`,
        },
        nolimit: {
          title: '没有上限，就没有丢弃',
          body: (f) =>
            `没有上限时不丢弃任何词元（${f.choices} 个中 ${f.dropped} 个），但最忙的专家承担平均负载的 ${w(f.maxOverMean)} 倍，在真实硬件上所有设备都要等它。DeepSeek-V3 不丢弃任何词元：它靠负载均衡让负载保持均匀。`,
        },
      },
    },
    balance: {
      title: '路由坍缩与负载均衡',
      steps: {
        imbalance: {
          title: '不均衡的路由器',
          body: (f) =>
            `这里每个词元只去 1 个专家。最忙的专家承担平均负载的 ${w(f.maxOverMean)} 倍，${f.experts} 个专家中有 ${f.idle} 个一个词元也没有。训练时这会自我强化：忙的专家学得最多、被选得更多，路由器可能坍缩到少数几个专家上。`,
        },
        bias: {
          title: 'DeepSeek-V3 的办法：每个专家一个偏置',
          body: (f) =>
            `每个批次之后，DeepSeek-V3 把负载不足的专家的偏置加上 γ，把过载专家的偏置减去 γ。偏置只影响选哪些专家，不影响它们的权重。路由器面板显示了 ${f.biasSteps} 次更新之后的偏置。`,
        },
        after: {
          title: '负载均匀，不需要额外的损失',
          body: (f) =>
            `${f.biasSteps} 次更新之后，最忙的专家承担平均负载的 ${w(f.maxOverMean)} 倍，空闲的专家有 ${f.idle} 个。训练中没有加入任何均衡损失。负载均衡页面并排训练两个模型，一个用偏置，一个不用。`,
        },
      },
    },
    scale: {
      title: '从小模型到 DeepSeek-V3',
      steps: {
        routing: {
          title: '小模型上的 DeepSeek-V3 路由',
          body: (f) =>
            `这是 DeepSeek-V3 的路由器放在小模型上：${f.experts} 个路由专家分成 8 组，sigmoid 得分加偏置，每个词元先保留最好的 4 组，再从中选最好的 ${f.active} 个专家，另加 ${f.shared} 个共享专家。为“${f.token}”选中的是：${f.chosen.map((c) => `E${c.expert}`).join('、')}。`,
        },
        count: {
          title: '同样的计数，6710 亿参数',
          body: (f, p) =>
            `小模型有 ${n(f.total)} 个参数，每个词元用 ${pct(f.tokenShare)}。按公开的配置计算，DeepSeek-V3 有 ${billions(p.v3Total)} 个参数，每个词元用 ${billions(p.v3Active)} 个（${pct(p.v3Active / p.v3Total)}）：每个 MoE 层的 ${p.v3Routed} 个路由专家中用 ${p.v3TopK} 个。`,
        },
      },
    },
    ...MORE_LESSONS.zh,
  },
};

const part = section({ en, zh });

export default part;

/** This part of the catalogue in the page's language. */
export const lessonsWords = (): typeof en => part[getLang()];
