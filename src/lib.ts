/**
 * The library build (`npm run build:lib` → dist-lib/moe-lab.js, plus the chunk it loads lazily): an ES module that defines
 * <moe-lab> and the panels, for teachers' own pages and slide decks. The wasm binaries are inlined.
 */
// First: the host page's address is not the element's to read (src/state/page-url.ts).
import './state/embedded';
export { MoeLab } from './ui/simulator/moe-lab';
export { TokenStrip } from './ui/routing/token-strip';
export { RouterCompare } from './ui/lessons/router-compare';
