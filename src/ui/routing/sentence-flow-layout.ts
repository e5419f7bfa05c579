/**
 * The routing picture of the whole sentence, as geometry (no DOM): tokens on the left, the routed
 * experts on the right, and a band from each token to each expert it used, as wide as the gate
 * weight (d3-sankey computes the node stacks and the band positions). Experts no token used stay
 * in their place as thin dark nodes, so the class sees at a glance which experts stayed idle.
 * Labels are thinned so that no two overlap; the current token's label is always kept.
 */
import { sankey, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { linkHorizontal } from 'd3-shape';
import type { Trace } from '../../core/trace';
import type { flowWords } from '../i18n/flow-picture';
import type { Box } from './flow-grid';

export interface SentenceFlowInput {
  trace: Trace;
  layer: number;
  width: number;
  height: number;
  fontSize: number;
  /** The current token (its bands and label are marked). */
  current: number;
}

export interface SentenceNode extends Box {
  kind: 'token' | 'expert';
  /** Token index or expert index. */
  index: number;
  /** Sum of the gate weights into or out of the node. */
  value: number;
  label: string;
  /** Whether the label is drawn (thinned so none overlap). */
  labelled: boolean;
}

export interface SentenceBand {
  token: number;
  expert: number;
  weight: number;
  /** Stroke width: weight × unit. */
  width: number;
  path: string;
}

export interface SentenceFlow {
  width: number;
  height: number;
  tokens: SentenceNode[];
  experts: SentenceNode[];
  bands: SentenceBand[];
  /** Pixels of band per unit of gate weight (the same for every band). */
  unit: number;
  current: number;
  /** Routed experts no token used. */
  idle: number[];
  describe(m: ReturnType<typeof flowWords>): string;
}

interface NodeExtra {
  kind: 'token' | 'expert';
  /** Token or expert index (not `index`: d3-sankey overwrites that with the node's place in its list). */
  item: number;
}
interface LinkExtra {
  weight: number;
}
type Node = SankeyNode<NodeExtra, LinkExtra>;
type Link = SankeyLink<NodeExtra, LinkExtra>;

/** Up to this many idle experts are named in the picture's description; more are only counted. */
const NAMED_IDLE = 16;

const band = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

/** Keeps labels (by centre y, in order) at least `gap` apart; `keep` is always kept. */
function thin(nodes: SentenceNode[], gap: number, keep: number): void {
  let last = -Infinity;
  const kept = nodes[keep];
  for (const n of nodes) {
    const y = n.y + n.h / 2;
    const clearsKept = !kept || n === kept || Math.abs(y - (kept.y + kept.h / 2)) >= gap;
    n.labelled = y - last >= gap && clearsKept;
    if (n.labelled || n === kept) last = y;
    if (n === kept) n.labelled = true;
  }
}

export function sentenceFlowLayout(input: SentenceFlowInput): SentenceFlow {
  const { trace, width: W, height: H, fontSize: font } = input;
  const layer = trace.layers[input.layer] ?? trace.layers[0]!;
  const T = trace.tokens.length;
  const E = trace.shape.experts;
  const labelW = font * 7;
  const nodeW = Math.max(6, font * 0.7);
  const nodes: NodeExtra[] = [
    ...trace.tokens.map((_, i) => ({ kind: 'token' as const, item: i })),
    ...Array.from({ length: E }, (_, e) => ({ kind: 'expert' as const, item: e })),
  ];
  const links: { source: number; target: number; value: number; weight: number }[] = [];
  layer.tokens.forEach((r, i) =>
    r.experts.forEach((e, j) => {
      if (r.dropped[j]) return;
      const w = r.weights[j] ?? 0;
      if (Math.abs(w) > 0) links.push({ source: i, target: T + e, value: Math.abs(w), weight: w });
    }),
  );
  const maxNodes = Math.max(T, E);
  const padding = Math.min(font * 0.5, (H * 0.4) / Math.max(1, maxNodes - 1));
  const x0 = labelW;
  const x1 = W - font * 4.5;
  const graph =
    links.length > 0
      ? sankey<NodeExtra, LinkExtra>()
          .nodeWidth(nodeW)
          .nodePadding(padding)
          .nodeAlign((n) => (n.kind === 'expert' ? 1 : 0))
          .nodeSort(null as never)
          .linkSort(null as never)
          .iterations(4)
          .extent([
            [x0, font * 0.5],
            [x1, H - font * 0.5],
          ])({ nodes: nodes.map((n) => ({ ...n })), links: links.map((l) => ({ ...l })) })
      : null;
  const placed: Node[] = graph?.nodes ?? [];
  const step = (H - font) / Math.max(1, maxNodes);
  const toNode = (n: NodeExtra, i: number): SentenceNode => {
    const g = placed[i];
    const fallbackX = n.kind === 'token' ? x0 : x1 - nodeW;
    const fallbackY = font * 0.5 + n.item * step;
    const y = g?.y0 ?? fallbackY;
    const h = Math.max(1.5, (g?.y1 ?? fallbackY) - y);
    return {
      kind: n.kind,
      index: n.item,
      value: g?.value ?? 0,
      label: n.kind === 'token' ? (trace.tokens[n.item]?.text ?? '') : `E${n.item}`,
      labelled: true,
      x: g?.x0 ?? fallbackX,
      y,
      w: nodeW,
      h,
    };
  };
  const all = nodes.map(toNode);
  const tokens = all.slice(0, T);
  const experts = all.slice(T);
  thin(tokens, font * 1.15, Math.min(input.current, T - 1));
  thin(experts, font * 1.15, -1);
  const bands: SentenceBand[] = (graph?.links ?? []).map((l: Link) => {
    const s = l.source as Node;
    const t = l.target as Node;
    return {
      token: s.item,
      expert: t.item,
      weight: l.weight,
      width: l.width ?? 0,
      path: band({ source: [s.x1 ?? 0, l.y0 ?? 0], target: [t.x0 ?? 0, l.y1 ?? 0] }) ?? '',
    };
  });
  const first = graph?.links[0];
  const unit = first && first.value > 0 ? (first.width ?? 0) / first.value : 0;
  const idle = experts.filter((x) => x.value === 0).map((x) => x.index);
  return {
    width: W,
    height: H,
    tokens,
    experts,
    bands,
    unit,
    current: input.current,
    idle,
    describe: (m) => m.sentenceDescribe(T, E - idle.length, E, idle.length <= NAMED_IDLE ? idle.map((e) => `E${e}`) : []),
  };
}
