// The located checks of the Keyspaces track's part of a plan, on the parts the schema accepted: a table's key
// columns are among its columns and a counter table holds only counters, a target table belongs to one stack, a
// wave's hold fits in its cutover window, and a wave with Keyspaces gates has a stack whose data moves.
import { stackId, type LocatedReport, type Report } from '../../plan/located-report';
import type { PlanParts, ResolvedWave } from '../../plan/plan-parts';
import type { WaveEntry } from '../../plan/schema';
import type { DocPath } from '../../plan/source';
import { keyspacesOf, keyspacesOfWave, targetKeyspaceOf, type KeyspacesTableSpec } from './plan-schema';

export function checkKeyspacesPlan(plan: PlanParts, waves: readonly (ResolvedWave | undefined)[], report: LocatedReport): void {
  checkTables(plan, report.error);
  plan.waves.forEach((wave, index) => {
    const resolved = waves[index];
    if (!wave || !resolved) return;
    checkHold(wave, index, report.error);
    if (resolved.allStacksKnown && keyspacesOfWave(wave).keyspaces && !resolved.stacks.some((stack) => keyspacesOf(stack).keyspaces))
      report.warning(
        ['waves', index, 'keyspaces'],
        `wave '${wave.id}' has Keyspaces gates but none of its stacks has 'keyspaces': the gates have nothing to judge`,
        'key',
      );
  });
}

/** Each table's own consistency, and each target table (keyspace.table) claimed by one stack. */
function checkTables(plan: PlanParts, error: Report): void {
  const owners = new Map<string, string>();
  plan.stacks.forEach((stack, index) => {
    const keyspaces = stack && keyspacesOf(stack).keyspaces;
    if (!stack || !keyspaces) return;
    const id = stackId(stack);
    const target = targetKeyspaceOf(keyspaces);
    keyspaces.tables.forEach((table, t) => {
      const at: DocPath = ['stacks', index, 'keyspaces', 'tables', t];
      checkTableShape(table, at, error);
      const key = `${target}.${table.name}`.toLowerCase();
      const owner = owners.get(key);
      if (owner === id) error([...at, 'name'], `table '${table.name}' is listed twice`);
      else if (owner) error([...at, 'name'], `table '${key}' on Keyspaces is already claimed by stack '${owner}'; a table belongs to one stack`);
      else owners.set(key, id);
    });
  });
}

const clusteringColumn = (entry: string) => entry.split(' ')[0] ?? entry;

function checkTableShape(table: KeyspacesTableSpec, at: DocPath, error: Report): void {
  const columns = new Map(Object.entries(table.columns).map(([name, type]) => [name.toLowerCase(), type]));
  const seen = new Set<string>();
  const keyColumn = (name: string, path: DocPath) => {
    const lower = name.toLowerCase();
    if (!columns.has(lower)) error(path, `key column '${name}' is not among the table's columns (${[...columns.keys()].join(', ')})`);
    else if (seen.has(lower)) error(path, `column '${name}' is in the primary key twice`);
    else if (/^(counter|list|set|map)\b/i.test(columns.get(lower) ?? ''))
      error(path, `key column '${name}' has type ${columns.get(lower)}, which cannot be part of a primary key`);
    seen.add(lower);
  };
  table.partitionKey.forEach((name, i) => keyColumn(name, [...at, 'partitionKey', i]));
  table.clusteringKey.forEach((entry, i) => keyColumn(clusteringColumn(entry), [...at, 'clusteringKey', i]));
  const regular = [...columns].filter(([name]) => !seen.has(name));
  const counters = regular.filter(([, type]) => type.trim().toLowerCase() === 'counter');
  if (counters.length > 0 && counters.length !== regular.length)
    error([...at, 'columns'], `a table with counter columns (${counters.map(([name]) => name).join(', ')}) may hold only counters besides its key`, 'key');
}

/** Dual writes that must hold longer than the whole cutover window could never turn the gate green inside it. */
function checkHold(wave: WaveEntry, index: number, error: Report): void {
  const gates = keyspacesOfWave(wave).keyspaces;
  const window = wave.cutoverWindow;
  if (!gates || !window) return;
  const span = Date.parse(window.end) - Date.parse(window.start);
  if (span > 0 && gates.holdSeconds * 1000 > span)
    error(
      ['waves', index, 'keyspaces', 'holdSeconds'],
      `the dual writes must hold for ${gates.holdSeconds} s, longer than the whole cutover window (${span / 1000} s); the gate could never pass inside it`,
    );
}
