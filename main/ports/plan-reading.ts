// What the rehearsal reads of the plan format, declared in one place: the demo estate comes from a plan file, read
// with the grammar of the tracks the cockpit runs (and the DMS track's part of it), and scenario files are YAML
// located and reported the way plan files are (same paths, same messages). rehearsal/ imports nothing else of main/
// (lint-checked).
import { loadPlanFile as loadWithGrammar, type PlanLoadResult } from '../plan/load';
import { composeGrammar } from '../seam/plan-grammar';
import { CORE_TRACKS } from '../tracks/index';

export type { PlanIssue } from '../api/contract';
export { formatIssue, type PlanLoadResult } from '../plan/load';
export { AwsRegion } from '../plan/schema';
export { fieldsAt } from '../plan/schema-fields';
export { defaultMessage, schemaIssuesToPlanIssues } from '../plan/schema-issues';
export { formatPath, parsePlanSource, type DocPath, type PlanSource } from '../plan/source';
export { dmsPlan } from '../tracks/dms/plan';
export { DmsTaskIdentifier } from '../tracks/dms/plan-schema';

const grammar = composeGrammar(CORE_TRACKS);

/** Reads a plan file as the cockpit does (main/plan/load.ts), with the plan format of the tracks it runs. */
export const loadPlanFile = (file: string): Promise<PlanLoadResult> => loadWithGrammar(file, { grammar });
