/**
 * Waits until a component and every lit component below it (through their shadow roots) has
 * rendered: panels render after their shell, and their own parts after them. The pages' `settled()`
 * methods (used by the end-to-end tests and the benchmarks) end with this.
 */
import { LitElement } from 'lit';

export async function treeRendered(host: LitElement): Promise<void> {
  await host.updateComplete;
  let level: ParentNode[] = [host.renderRoot];
  while (level.length > 0) {
    const elements = level.flatMap((root) => [...root.querySelectorAll('*')]).filter((el): el is LitElement => el instanceof LitElement);
    await Promise.all(elements.map((el) => el.updateComplete));
    level = elements.map((el) => el.renderRoot).filter((r): r is ShadowRoot => r instanceof ShadowRoot);
  }
}
