// No import cycles between the project's source files, `import type` edges included: a type-only cycle still ties two
// modules together (neither can move or split alone), and with `verbatimModuleSyntax` one changed `type` keyword makes it
// a runtime cycle. The graph comes from `ts.preProcessFile` (a scanner, no type checking), so the whole tree takes well
// under a second.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['main', 'common', 'host', 'renderer/src', 'electron', 'rehearsal', 'pulumi-programs', 'bench'];

// Cycles tolerated for now, each to be removed here by the change that breaks it (the second test fails once one is
// gone). None today: keep it that way.
const ALLOWED_CYCLES: readonly string[] = [];

type EdgeKind = 'runtime' | 'type';
/** Importing file → imported file → how; paths relative to the repository, with `/`. */
type ImportGraph = Map<string, Map<string, EdgeKind>>;

const RESOLVED_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The import graph of `sources` (path → text), with relative specifiers resolved against the other paths. */
function importGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const [file, text] of sources) {
    const edges = new Map<string, EdgeKind>();
    for (const reference of ts.preProcessFile(text, true, true).importedFiles) {
      if (!reference.fileName.startsWith('.')) continue;
      const base = path.posix.join(path.posix.dirname(file), reference.fileName).replace(/\.js$/, '');
      const target = RESOLVED_SUFFIXES.map((suffix) => base + suffix).find((candidate) => sources.has(candidate));
      if (target === undefined) continue; // JSON, CSS, assets: not modules of the graph
      const kind = edgeKind(text, reference.pos);
      if (edges.get(target) !== 'runtime') edges.set(target, kind);
    }
    graph.set(file, edges);
  }
  return graph;
}

/**
 * Whether the import whose specifier starts at `specifierStart` is erased at build time: `import type` and `export type`
 * only. `import { type A }` keeps a side-effect import under `verbatimModuleSyntax`, so it is a runtime edge.
 */
function edgeKind(text: string, specifierStart: number): EdgeKind {
  const before = text.slice(0, specifierStart - 1);
  if (/\b(import|require)\s*\(\s*$/.test(before)) return 'runtime'; // import('…'), require('…')
  const headers = [...before.matchAll(/^[ \t]*(?:import|export)\b[^\n]*/gm)];
  const header = headers.at(-1)?.[0] ?? '';
  return /^\s*(?:import|export)\s+type[\s{*]/.test(header) ? 'type' : 'runtime';
}

/** Every elementary cycle, each rotated to start at its smallest path, as "a → b ⇢(type) c → a". */
function cyclesOf(graph: ImportGraph): string[] {
  const files = [...graph.keys()].sort();
  const cycles: string[] = [];
  // Johnson-style: cycles through `start` visiting only files after it, so each cycle is found once, from its smallest file.
  files.forEach((start, index) => {
    const later = new Set(files.slice(index + 1));
    const trail: string[] = [start];
    const onTrail = new Set<string>([start]);
    const walk = (file: string): void => {
      for (const [next] of graph.get(file) ?? []) {
        if (next === start) cycles.push(describeCycle(graph, [...trail, start]));
        else if (later.has(next) && !onTrail.has(next)) {
          trail.push(next);
          onTrail.add(next);
          walk(next);
          onTrail.delete(next);
          trail.pop();
        }
      }
    };
    walk(start);
  });
  return cycles.sort();
}

function describeCycle(graph: ImportGraph, files: readonly string[]): string {
  return files
    .map((file, index) => {
      if (index === 0) return file;
      const arrow = graph.get(files[index - 1] ?? '')?.get(file) === 'type' ? '⇢(type)' : '→';
      return `${arrow} ${file}`;
    })
    .join(' ');
}

function sourceFiles(): Map<string, string> {
  const sources = new Map<string, string>();
  const visit = (folder: string): void => {
    for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(relative);
      } else if (/\.tsx?$/.test(entry.name)) {
        sources.set(relative, readFileSync(path.join(ROOT, relative), 'utf8'));
      }
    }
  };
  SOURCE_FOLDERS.forEach(visit);
  return sources;
}

describe('import cycles', () => {
  const cycles = cyclesOf(importGraph(sourceFiles()));

  it('has none beyond the allow-list', () => {
    expect(cycles.filter((cycle) => !ALLOWED_CYCLES.includes(cycle))).toEqual([]);
  });

  it('allows only cycles that still exist, so a fixed one leaves the allow-list', () => {
    expect(ALLOWED_CYCLES.filter((cycle) => !cycles.includes(cycle))).toEqual([]);
  });

  it('counts type-only edges, labels them, and tells them from inline `type` specifiers and dynamic imports', () => {
    const sources = new Map([
      ['x/a.ts', "import { b } from './b';\nexport const a = b;\n"],
      ['x/b.ts', "import type { C } from '../y/c';\nexport const b = 1;\nexport type B = C;\n"],
      ['y/c.ts', "import {\n  type A,\n} from '../x/a';\nexport type C = A;\n"],
      ['y/d.ts', "import type { A } from '../x/a';\nexport async function d(): Promise<A> {\n  return (await import('./e')).e;\n}\n"],
      ['y/e.ts', "export type { D } from './d/index';\nexport const e = 1;\n"],
      ['y/d/index.ts', "export * from '../d';\nexport type D = 1;\n"],
      ['z/isolated.ts', "import { readFile } from 'node:fs/promises';\nimport data from './data.json';\nexport const z = [readFile, data];\n"],
    ]);
    expect(cyclesOf(importGraph(sources))).toEqual(['x/a.ts → x/b.ts ⇢(type) y/c.ts → x/a.ts', 'y/d.ts → y/e.ts ⇢(type) y/d/index.ts → y/d.ts']);
  });
});
