/**
 * The one place that writes the page's address (tests/architecture.test.ts checks that no other file
 * touches `history`). Each page keeps its view in the query string: replaceQuery swaps the query in
 * place, keeping the path, the hash and `history.state`, does nothing when the query is already that,
 * and never touches the address of a host page the `<moe-lab>` element is embedded in (page-url.ts).
 */
import { ownsPage } from './page-url';

/** Replaces the address bar's query with `query` ("?a=1&b=2", "a=1" or "" for none). */
export function replaceQuery(query: string): void {
  if (typeof location === 'undefined' || typeof history === 'undefined' || !ownsPage()) return;
  const q = query === '' || query === '?' ? '' : query.startsWith('?') ? query : `?${query}`;
  if (q === location.search) return;
  history.replaceState(history.state, '', `${location.pathname}${q}${location.hash}`);
}
