/** Types of scripts/test-stages.mjs for the tests that import it. */
export interface StageRow {
  name: string;
  script: string;
  seconds: number;
  code: number;
}
export const STAGES: [name: string, script: string][];
export function formatSeconds(s: number): string;
export function stageTable(rows: Pick<StageRow, 'name' | 'seconds' | 'code'>[]): string;
export function runStages(
  stages: [string, string][],
  run: (script: string) => number,
  now?: () => number,
): { rows: StageRow[]; code: number };
