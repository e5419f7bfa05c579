/** Types of scripts/test-stages.mjs for the tests that import it. */
export interface StageRow {
  name: string;
  script: string;
  seconds: number;
  code: number;
}
export const STEPS: [name: string, script: string][][];
export const STAGES: [name: string, script: string][];
export function formatSeconds(s: number): string;
export function stageTable(rows: Pick<StageRow, 'name' | 'seconds' | 'code'>[], wall?: number): string;
export function runStages(
  steps: [string, string][][],
  run: (script: string) => Promise<number>,
  now?: () => number,
): Promise<{ rows: StageRow[]; code: number; wall: number }>;
