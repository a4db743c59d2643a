// Layout rules of the Plan tab's wave header, the Waves timeline's edge fades and the invalid-plan banner, read from
// the style sheets. The tests run in Node, but the renderer's typecheck has no Node types (and Vitest empties CSS
// imports, ?raw included), so node:fs is taken from the process as a builtin.
import { describe, expect, it } from 'vitest';

interface NodeFs {
  readFileSync(path: URL, encoding: 'utf8'): string;
}
const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs') as NodeFs;
const sheet = (name: string) => fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const plan = sheet('plan.css');
const shell = sheet('shell.css');
const overview = sheet('waves-overview.css');

/** The declarations of the first rule whose selector list includes `selector`. */
function declarationsOf(sheet: string, selector: string): Record<string, string> {
  for (const match of sheet.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (
      !match[1]!
        .split(',')
        .map((part) => part.trim())
        .includes(selector)
    )
      continue;
    return Object.fromEntries(
      match[2]!
        .split(';')
        .map((declaration) => [declaration.slice(0, declaration.indexOf(':')).trim(), declaration.slice(declaration.indexOf(':') + 1).trim()])
        .filter(([property]) => property !== ''),
    );
  }
  return {};
}

/** A length of the form "clamp(72px, 15vh, 240px)" (or plain px) at a viewport `height` px tall. */
function pxAt(value: string, height: number): number {
  const px = (part: string) => (part.endsWith('vh') ? (parseFloat(part) * height) / 100 : parseFloat(part));
  const clamp = /^clamp\(([^,]+),([^,]+),([^)]+)\)$/.exec(value.replace(/\s+/g, ''));
  if (!clamp) return px(value);
  return Math.max(px(clamp[1]!), Math.min(px(clamp[2]!), px(clamp[3]!)));
}

describe("the Waves timeline's edge fades", () => {
  it('start below the axis row, so they never cover a day label', () => {
    for (const selector of ['.overview-scroll-frame[data-more-before]::before', '.overview-scroll-frame[data-more-after]::after']) {
      expect(declarationsOf(overview, selector).top).toMatch(/var\(--overview-axis-height/);
    }
  });
});

describe('a wave header on the Plan tab', () => {
  it('keeps the phase pill on the title row, the stack count at its right end', () => {
    expect(declarationsOf(plan, '.wave-title-row')).toMatchObject({ display: 'flex' });
    expect(declarationsOf(plan, '.wave-title-row > .wave-count')).toMatchObject({ 'margin-left': 'auto' });
  });
});

describe("the invalid-plan banner's error list", () => {
  it('stays within about three rows (at most 120 px) on a 720 px screen', () => {
    const maxHeight = declarationsOf(shell, '.rejected-plan-issues')['max-height']!;
    expect(pxAt(maxHeight, 720)).toBeLessThanOrEqual(120);
    expect(pxAt(maxHeight, 1080)).toBeGreaterThan(pxAt(maxHeight, 720));
  });
});
