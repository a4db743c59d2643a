// The look of disabled destructive buttons and of a failed task's heatmap cell, read from the style sheets.
import { describe, expect, it } from 'vitest';

// Read from disk: vitest hands `.css?raw` imports over empty, and the renderer's types know no Node (hence a
// specifier TypeScript does not resolve).
const FS = 'node:fs';
const { readFileSync } = (await import(/* @vite-ignore */ FS)) as { readFileSync(path: URL, encoding: 'utf8'): string };
const css = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** The declarations of the first rule whose selector list includes `selector`. */
function declarationsOf(sheet: string, selector: string): Record<string, string> {
  for (const match of sheet.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = match[1]!
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(',')
      .map((part) => part.trim());
    if (!selectors.includes(selector)) continue;
    return Object.fromEntries(
      match[2]!
        .split(';')
        .map((declaration) => declaration.split(':').map((part) => part.trim()))
        .filter((pair) => pair.length === 2 && pair[0] !== '')
        .map(([property, value]) => [property!, value!]),
    );
  }
  return {};
}

/** WCAG contrast ratio of two #rgb or #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (short: string) => {
    const hex = short.length === 4 ? `#${[...short.slice(1)].map((c) => c + c).join('')}` : short;
    const [r, g, bl] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('disabled destructive buttons', () => {
  it('look like the other disabled buttons: dashed, neutral, no red outline', () => {
    const primary = declarationsOf(css('base.css'), 'button.primary:disabled');
    for (const selector of ['button.danger-outline:disabled', 'button.danger:disabled']) {
      const rule = declarationsOf(css('header.css'), selector);
      expect(rule['border-style'], selector).toBe('dashed');
      expect(rule['border-color'], selector).toBe(primary['border-color']);
      expect(rule.color, selector).toBe(primary.color);
    }
  });
});

describe("a failed task's heatmap cell", () => {
  it('keeps its headline and note in its own readable colour, in both themes (no muted grey on dark red)', () => {
    const sheet = css('heatmap.css');
    const cell = declarationsOf(sheet, ".heat-cell[data-heat='failed']");
    expect(contrast(cell.color!, cell['--heat']!)).toBeGreaterThanOrEqual(7);
    expect(declarationsOf(sheet, ".heat-cell[data-heat='failed'] .heat-value").color).toBe('inherit');
    expect(declarationsOf(sheet, ".heat-cell[data-heat='failed'] .heat-age").color).toBe('inherit');
  });
});
