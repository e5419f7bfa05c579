/**
 * Imported first by a site page's entry module: rewrites a query string with malformed percent
 * escapes (see repairQuery in url.ts) into the same settings, well escaped, so that the address a
 * visitor copies is a valid link. (tfjs-core used to throw on such escapes while loading; it no
 * longer reads the address at all, see build/tfjs-no-url-flags.ts.)
 */
import { repairQuery } from './url';
import { replaceQuery } from './url-sync';

if (typeof location !== 'undefined' && typeof history !== 'undefined') {
  const repaired = repairQuery(location.search);
  if (repaired !== null) replaceQuery(repaired);
}
