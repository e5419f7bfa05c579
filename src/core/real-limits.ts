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
