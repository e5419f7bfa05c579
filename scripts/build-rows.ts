/**
 * Writes src/core/lexicon/rows.json: the open vocabulary's words with rows of their own (lexicon.ts
 * openRows), so that the page builds its model without loading the full lexicons.
 *   node scripts/run-ts.mjs scripts/build-rows.ts   (after npm run build:lexicon)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openRows } from '../src/core/lexicon';

writeFileSync(resolve(import.meta.dirname, '..', 'src', 'core', 'lexicon', 'rows.json'), `${JSON.stringify(openRows())}\n`);
