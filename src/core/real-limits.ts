/**
 * The sizes of a pasted config that the real-scale page accepts (real-config.ts checks them; beyond
 * one, the coded problem `hf.limit` names the field). Pure data: no DOM, no tfjs.
 */

/**
 * Most routed experts, groups, experts per token and shared experts accepted: well above every
 * published MoE model (a few hundred routed experts, at most 8 groups, top-k up to about 16, a few
 * shared experts), and small enough that one layer is drawn, routed and described in bounded time.
 * Beyond them a config gets the coded problem `hf.limit` naming the field.
 */
export const REAL_LIMITS = { experts: 4096, groups: 256, topK: 64, shared: 64 } as const;
export type LimitWhat = keyof typeof REAL_LIMITS;
/** What a limit counts and how many the published models have, in the words of its message. */
export const LIMIT_WORDS: Record<LimitWhat, { what: string; real: string }> = {
  experts: { what: 'routed experts', real: 'published MoE models have up to a few hundred' },
  groups: { what: 'groups', real: 'published models use up to 8' },
  topK: { what: 'experts per token', real: 'published models use up to about 16' },
  shared: { what: 'shared experts', real: 'published models have up to a few' },
};
