// YAML aliases (*name) and merge keys (<<) have no place in a plan: each stack's values are written out where
// they apply, so the file says what every stack gets. Resolving aliases is also how "billion laughs" files blow
// up, and an alias to a missing anchor makes the YAML library throw. So aliases are never resolved: each one is
// reported where it is written and taken out of the document, so the other checks still run on the rest.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';
import type { PlanIssue } from '../api/contract';
import type { DocPath, PlanSource } from './source';

/** Enough to show the pattern; a file with thousands of aliases gets one summary line for the rest. */
const MAX_REPORTED_ALIASES = 20;

export interface AliasFindings {
  readonly issues: PlanIssue[];
  /** Paths whose value was an alias (now empty): schema findings at or below them only echo the alias issue. */
  readonly replacedPaths: readonly DocPath[];
}

const ALIAS_ADVICE = 'write the value out where it is used (aliases hide what each stack really gets, and can expand without bound)';
const MERGE_KEY_MESSAGE =
  "'<<' is a merge key only in YAML 1.1; plans are YAML 1.2, which has no merge keys, so '<<' would be a literal field: write the fields out";

interface AliasSite {
  readonly alias: Alias;
  readonly path: DocPath;
  /** True for a value (now empty, at `path`); false for a key (its entry is dropped from the mapping at `path`). */
  readonly isValue: boolean;
  /** Takes the alias out of the document: an empty value in its place, or its whole entry when it is a key. */
  readonly remove: () => void;
}

/** Reports every alias and merge key and takes them out of the document (which is changed in place). */
export function neutralizeAliases(source: PlanSource): AliasFindings {
  const document = source.document;
  const issues: PlanIssue[] = [];
  const sites: AliasSite[] = [];
  const firstAnchorAt = new Map<string, number>();
  const pairsToDrop = new Map<YAMLMap, Set<unknown>>();
  const dropPair = (map: YAMLMap, pair: Pair) => pairsToDrop.set(map, (pairsToDrop.get(map) ?? new Set()).add(pair));

  if (isAlias(document.contents)) {
    const alias = document.contents;
    sites.push({ alias, path: [], isValue: true, remove: () => (document.contents = emptyValueAt(alias)) });
  }
  // Iterative, so a deeply nested file cannot overflow the stack.
  const pending: { node: unknown; path: DocPath }[] = [{ node: document.contents, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    const anchor = (node as Partial<Node> | null)?.anchor;
    const offset = (node as Partial<Node> | null)?.range?.[0];
    if (anchor && offset !== undefined && offset < (firstAnchorAt.get(anchor) ?? Infinity)) firstAnchorAt.set(anchor, offset);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isAlias(pair.key)) {
          sites.push({ alias: pair.key, path, isValue: false, remove: () => dropPair(node, pair) });
          continue;
        }
        if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
          issues.push(source.issueAt('error', [...path, '<<'], MERGE_KEY_MESSAGE, pair.key.range?.[0] ?? 0));
          dropPair(node, pair);
          continue;
        }
        const valuePath = [...path, isScalar(pair.key) ? String(pair.key.value) : '?'];
        const value = pair.value;
        if (isAlias(value)) sites.push({ alias: value, path: valuePath, isValue: true, remove: () => (pair.value = emptyValueAt(value)) });
        pending.push({ node: pair.key, path }, { node: value, path: valuePath });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (isAlias(item)) sites.push({ alias: item, path: [...path, index], isValue: true, remove: () => (node.items[index] = emptyValueAt(item)) });
        pending.push({ node: item, path: [...path, index] });
      });
    }
  }

  sites.sort((a, b) => aliasOffset(a.alias) - aliasOffset(b.alias));
  const replacedPaths: DocPath[] = [];
  sites.forEach((site, index) => {
    site.remove();
    if (site.isValue) replacedPaths.push(site.path);
    if (index >= MAX_REPORTED_ALIASES) return;
    const name = site.alias.source;
    const anchored = (firstAnchorAt.get(name) ?? Infinity) < aliasOffset(site.alias);
    const message = anchored
      ? `alias '*${name}' is not allowed in a plan: ${ALIAS_ADVICE}`
      : `alias '*${name}' refers to no anchor '&${name}' before it, and aliases are not allowed in a plan anyway: ${ALIAS_ADVICE}`;
    issues.push(source.issueAt('error', site.path, message, aliasOffset(site.alias)));
  });
  const unlisted = sites[MAX_REPORTED_ALIASES];
  if (unlisted) {
    const more = sites.length - MAX_REPORTED_ALIASES;
    issues.push(
      source.issueAt(
        'error',
        unlisted.path,
        `${more} more alias(es) from here on, not listed one by one; aliases are not allowed in a plan`,
        aliasOffset(unlisted.alias),
      ),
    );
  }
  for (const [map, drop] of pairsToDrop) map.items = map.items.filter((pair) => !drop.has(pair));
  return { issues, replacedPaths };
}

const aliasOffset = (alias: Alias) => alias.range?.[0] ?? 0;

/** An empty value where the alias was, keeping its position so issues can still point at it. */
function emptyValueAt(alias: Alias): Scalar.Parsed {
  const empty = new Scalar(null) as Scalar.Parsed;
  empty.range = alias.range ?? [0, 0, 0];
  return empty;
}

/** True when `path` is `prefix` or lies below it. */
export function isAtOrBelow(path: readonly PropertyKey[], prefix: DocPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}
