// Orders waves so that every wave comes after the waves it depends on; ties keep the plan's own order.

export interface WaveDependencies {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/** Every distinct dependency cycle, each as wave ids along "depends on" with the first repeated at the end. */
export function findDependencyCycles(waves: readonly WaveDependencies[]): string[][] {
  const byId = new Map(waves.map((wave) => [wave.id, wave]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();

  const visit = (id: string, trail: string[]) => {
    const mark = state.get(id);
    if (mark === 'done') return;
    if (mark === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle.slice(0, -1)].sort().join('|');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push(cycle);
      }
      return;
    }
    state.set(id, 'visiting');
    for (const dependency of byId.get(id)?.dependsOn ?? []) {
      if (byId.has(dependency)) visit(dependency, [...trail, id]);
    }
    state.set(id, 'done');
  };

  for (const wave of waves) visit(wave.id, []);
  return cycles;
}

/**
 * Topological order (Kahn), choosing among ready waves the one declared first, so the order is stable and
 * matches what the operator wrote wherever dependencies allow. Throws on a cycle: callers check first.
 */
export function orderWaves<W extends WaveDependencies>(waves: readonly W[]): W[] {
  const position = new Map(waves.map((wave, index) => [wave.id, index]));
  const remaining = new Map(waves.map((wave) => [wave.id, new Set(wave.dependsOn.filter((d) => position.has(d)))]));
  const ordered: W[] = [];
  while (ordered.length < waves.length) {
    const next = waves.find((wave) => remaining.get(wave.id)?.size === 0 && !ordered.includes(wave));
    if (!next) throw new Error('wave dependencies form a cycle');
    ordered.push(next);
    remaining.delete(next.id);
    for (const dependencies of remaining.values()) dependencies.delete(next.id);
  }
  return ordered;
}
