/** Build-time constants (vite `define`). */
interface ImportMetaEnv {
  /** True in the <moe-lab> library build (vite.lib.config.ts), which ships no trained checkpoints. */
  readonly MOE_LIBRARY?: boolean;
}
