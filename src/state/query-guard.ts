/**
 * Imported first by a page's entry module, before anything that imports tfjs: rewrites a query
 * string that would make tfjs-core throw while it loads (a malformed percent escape, see
 * repairQuery in url.ts) into the same settings, well escaped, so that every link opens and the
 * page can say what it did not understand.
 */
import { repairQuery } from './url';

if (typeof location !== 'undefined' && typeof history !== 'undefined') {
  const repaired = repairQuery(location.search);
  if (repaired !== null) history.replaceState(history.state, '', `${repaired}${location.hash}`);
}
