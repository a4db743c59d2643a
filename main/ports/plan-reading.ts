// What the rehearsal reads of the plan format, declared in one place: the demo estate comes from a plan file, and
// scenario files are YAML located and reported the way plan files are (same paths, same messages). rehearsal/
// imports nothing else of main/ (lint-checked).
export type { PlanIssue } from '../api/contract';
export { formatIssue, loadPlanFile } from '../plan/load';
export { AwsRegion, DmsTaskIdentifier } from '../plan/schema';
export { fieldsAt } from '../plan/schema-fields';
export { defaultMessage, schemaIssuesToPlanIssues } from '../plan/schema-issues';
export { formatPath, parsePlanSource, type DocPath, type PlanSource } from '../plan/source';
