/** A router's spec for the tests: one group, no capacity limit, renormalised gates, unless `extra` says otherwise. */
import type { RouterKind } from '../../src/core/config';
import type { RouterSpec } from '../../src/core/router';

export function routerSpec(kind: RouterKind, experts: number, topK: number, extra: Partial<RouterSpec> = {}): RouterSpec {
  return { kind, experts, topK, capacityFactor: null, nGroup: 1, topkGroup: 1, routeScale: 1, normalise: true, ...extra };
}
