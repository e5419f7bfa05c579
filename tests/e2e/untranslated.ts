/**
 * Finds English left on a page shown in Chinese: every text node and every user-facing attribute
 * (aria-label, title, placeholder, alt, aria-valuetext, aria-roledescription) in the document and all
 * open shadow roots, skipping what is marked `translate="no"` (data such as the sentence's own words).
 * A hit is two or more English words in a row that are not in the allow-list of names and terms.
 */
import type { Page } from 'playwright-core';

/** Names, units and terms kept in Latin script in the Chinese text too (compared case-sensitively). */
export const KEPT_TERMS = [
  'DeepSeek-V3',
  'DeepSeek-V2',
  'DeepSeek-R1',
  'DeepSeek',
  'DeepSeekMoE',
  'Mixtral',
  'Qwen',
  'OLMoE',
  'Switch Transformer',
  'GShard',
  'moe-lab',
  'top-k',
  'SwiGLU',
  'RMSNorm',
  'Adam',
  'softmax',
  'sigmoid',
  'GPU',
  'GPUs',
  'FLOP',
  'FLOPs',
  'TFLOP',
  'KV',
  'MLA',
  'MHA',
  'GQA',
  'MQA',
  'SVD',
  'CSV',
  'JSON',
  'PNG',
  'SVG',
  'URL',
  'HTML',
  'wasm',
  'cpu',
  'WebAssembly',
  'tfjs',
  'Hugging Face',
  'config.json',
  'bf16',
  'fp8',
  'BF16',
  'FP8',
  'H800',
  'H100',
  'English',
  'Language',
  'Space',
  'Home',
  'End',
  'Tab',
  'Enter',
  'Esc',
  'head_dim',
  'kv_lora_rank',
  'q_lora_rank',
  'qk_rope_head_dim',
  'n_routed_experts',
  'num_experts_per_tok',
  'AMI',
];

export interface Leftover {
  where: string;
  text: string;
}

/** Runs in the page; returns each English leftover with a short path to where it is. */
export function findUntranslated(page: Page, kept: string[] = KEPT_TERMS): Promise<Leftover[]> {
  return page.evaluate((terms) => {
    const out: { where: string; text: string }[] = [];
    const sorted = [...terms].sort((a, b) => b.length - a.length);
    const escaped = sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const keptRe = new RegExp(`(?<![A-Za-z0-9_-])(${escaped.join('|')})(?![A-Za-z0-9_-])`, 'g');
    const english = /[A-Za-z][a-z'’]{1,}(?:[\s,;:]+[A-Za-z][a-z'’]{1,}){1,}/;
    const ATTRS = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription'];
    const check = (raw: string, where: string): void => {
      const s = raw.replace(keptRe, '·').replace(/\s+/g, ' ').trim();
      const m = english.exec(s);
      if (m) out.push({ where, text: raw.replace(/\s+/g, ' ').trim().slice(0, 160) });
    };
    const name = (el: Element): string => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '');
    const walk = (root: Document | ShadowRoot | Element, path: string): void => {
      for (const node of [...root.childNodes]) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.textContent?.trim()) check(node.textContent, path);
          continue;
        }
        if (!(node instanceof Element)) continue;
        if (node.getAttribute('translate') === 'no') continue;
        const tag = node.tagName.toLowerCase();
        if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') continue;
        const here = `${path} > ${name(node)}`;
        for (const a of ATTRS) {
          const v = node.getAttribute(a);
          if (v) check(v, `${here}[${a}]`);
        }
        if (node.shadowRoot) walk(node.shadowRoot, `${here}::shadow`);
        walk(node, here);
      }
    };
    walk(document, 'document');
    check(document.title, 'title');
    return out;
  }, kept);
}
