import { defineConfig } from 'vite';
import { tfjsNoUrlFlags } from './build/tfjs-no-url-flags.ts';

/** `npm run build:lib`: <moe-lab> as one ES module in dist-lib/, wasm inlined, no CDN. */
export default defineConfig({
  plugins: [tfjsNoUrlFlags()],
  // The library ships no trained checkpoints (vite's library mode would inline them as data: URLs,
  // megabytes in the one file): <moe-lab> offers "Train this shape" instead (src/state/trained-weights.ts).
  define: { 'import.meta.env.MOE_LIBRARY': 'true' },
  build: {
    target: 'es2022',
    outDir: 'dist-lib',
    emptyOutDir: true,
    assetsInlineLimit: () => true,
    lib: { entry: 'src/lib.ts', formats: ['es'], fileName: 'moe-lab' },
  },
});
