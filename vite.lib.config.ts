import { defineConfig } from 'vite';
import { tfjsNoUrlFlags } from './build/tfjs-no-url-flags.ts';

/** `npm run build:lib`: <moe-lab> as one ES module in dist-lib/, wasm inlined, no CDN; trained checkpoints in dist-lib/assets/. */
export default defineConfig({
  plugins: [tfjsNoUrlFlags()],
  build: {
    target: 'es2022',
    outDir: 'dist-lib',
    emptyOutDir: true,
    // Everything inlined but the checkpoints: files next to moe-lab.js, fetched only when used.
    assetsInlineLimit: (file) => !file.endsWith('.bin'),
    lib: { entry: 'src/lib.ts', formats: ['es'], fileName: 'moe-lab' },
  },
});
