/**
 * `${styleProps({ width: '30%', '--chip-bg': bg })}` on an element sets those CSS properties through
 * the CSSOM (`element.style.setProperty`), never through a `style` attribute. A Content-Security-Policy
 * without 'unsafe-inline' styles (the site's own, and strict host pages of `<moe-lab>`) blocks style
 * attributes, but not the CSSOM. Properties dropped from one render to the next are removed.
 */
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

export type StyleProps = Readonly<Record<string, string | number | null | undefined | false>>;

class StylePropsDirective extends Directive {
  private set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps() belongs on an element: <div ${styleProps({...})}>');
  }

  render(_props: StyleProps): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [StyleProps]): typeof nothing {
    const style = (part.element as HTMLElement | SVGElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false || value === '') continue;
      style.setProperty(name, String(value));
      next.add(name);
    }
    for (const name of this.set) if (!next.has(name)) style.removeProperty(name);
    this.set = next;
    return nothing;
  }
}

export const styleProps = directive(StylePropsDirective);
