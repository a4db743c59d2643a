// URLs with {{placeholders}} are only URLs once filled in, per stack: a runbook http-check url is filled the way
// the cockpit fills it at run time, with the stack's own values as they are, and must then be an http(s) URL.
// Reported at the template, once per stack it fails for. A registry's baseUrl must have no placeholders at all.
import type { PlanIssue } from '../api/contract';
import type { PlanParts } from './plan-parts';
import { isCoreAction, type StackEntry, type WaveEntry } from './schema';
import { stackId, type ResolvedReferences } from './semantics';
import type { DocPath, PlanSource } from './source';

/** Per template, the stacks named one by one; more are summed up in one further issue. */
const MAX_STACKS_PER_TEMPLATE = 5;
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

export function checkRenderedUrls(plan: PlanParts, refs: ResolvedReferences, source: PlanSource): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const stacksById = new Map<string, StackEntry>();
  for (const stack of plan.stacks) if (stack && !stacksById.has(stackId(stack))) stacksById.set(stackId(stack), stack);

  const report = (path: DocPath, failures: readonly { stack: string; url: string; problem: string }[]) => {
    for (const failure of failures.slice(0, MAX_STACKS_PER_TEMPLATE)) {
      issues.push(
        source.issue('error', path, `for stack '${failure.stack}' this becomes ${quote(failure.url)}, which is not a valid http(s) URL: ${failure.problem}`),
      );
    }
    if (failures.length > MAX_STACKS_PER_TEMPLATE) {
      issues.push(source.issue('error', path, `this is not a valid http(s) URL for ${failures.length - MAX_STACKS_PER_TEMPLATE} more stacks either`));
    }
  };

  // A registry URL is baseUrl + path. The path starts with "/" and is filled URL-encoded at run time, so with an
  // http(s) baseUrl (the schema's check) the result is always a URL, for any stack; only baseUrl can break it, as it
  // is used as written: a placeholder there would reach the network literally.
  plan.registries.forEach((registry, index) => {
    const inBase = registry ? [...registry.baseUrl.matchAll(PLACEHOLDER)].map((match) => match[0]) : [];
    if (inBase.length === 0) return;
    issues.push(
      source.issue(
        'error',
        ['registries', index, 'baseUrl'],
        `baseUrl is used as written, so ${inBase.join(', ')} would reach the network as literal text; placeholders belong in the request paths`,
      ),
    );
  });

  plan.waves.forEach((wave, index) => {
    wave?.cutover?.runbook.forEach((step, s) => {
      const action = step.action;
      if (!action || !isCoreAction(action) || action.type !== 'http-check') return;
      const template = action.url;
      const failures = (refs.waveStackIds[index] ?? []).flatMap((id) => {
        const stack = stacksById.get(id);
        if (!stack) return [];
        const url = fill(template, stackVariables(plan, stack, wave));
        if (url === undefined) return [];
        const problem = httpUrlProblem(url);
        return problem ? [{ stack: id, url, problem }] : [];
      });
      report(['waves', index, 'cutover', 'runbook', s, 'action', 'url'], failures);
    });
  });
  return issues;
}

/** Placeholder values as the cockpit knows them at run time; stack outputs get stand-ins (not known before deploy). */
function stackVariables(plan: PlanParts, stack: StackEntry, wave: WaveEntry): Record<string, string> {
  const variables: Record<string, string> = {
    'plan.name': plan.planName ?? 'plan',
    'stack.id': stackId(stack),
    'stack.name': stack.name,
    'stack.project': stack.project,
    'stack.description': stack.description ?? '',
    'wave.id': wave.id,
    'wave.name': wave.name,
  };
  for (const [key, value] of Object.entries(stack.config)) if (typeof value !== 'object') variables[`stack.config.${key}`] = String(value);
  return variables;
}

/**
 * The template with its placeholders filled, or undefined when one has no value. A stack output stands in as
 * `output-<name>`, or as a whole URL when the template starts with it (there it can only be one).
 */
function fill(template: string, variables: Readonly<Record<string, string>>): string | undefined {
  let complete = true;
  const filled = template.replace(PLACEHOLDER, (match, variable: string, offset: number) => {
    const output = /^stack\.output\.(.+)$/.exec(variable)?.[1];
    if (output !== undefined) return offset === 0 ? `https://output-${output}.example` : `output-${output}`;
    const value = variables[variable];
    if (value === undefined) complete = false;
    return value ?? match;
  });
  return complete ? filled : undefined;
}

/** Why `text` is not an http(s) URL with a host, or undefined when it is one. */
export function httpUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return /\s/.test(text) ? 'it contains white space' : 'it does not parse as a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `its scheme is '${url.protocol.slice(0, -1)}', not http or https`;
  if (url.hostname === '') return 'it has no host';
  return undefined;
}

/** A rendered URL for a message: quoted, and cut when a long value went into it. */
function quote(url: string): string {
  return JSON.stringify(url.length > 160 ? `${url.slice(0, 160)}…` : url);
}
