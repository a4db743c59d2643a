// The located checks of metadata registries: their auth and template placeholders, the stack config their templates
// use, and that no secret is ever written into a request or sent to a registry.
import { isRejected, type PlanParts } from './plan-parts';
import { list, stackId, type Report } from './located-report';
import type { RegistryEntry, RequestTemplate, StackEntry } from './schema';
import { plainSecretProblem } from './secret-words';
import { formatPath, type DocPath } from './source';
import { isKnownTemplateVariable, stringsIn, templateVariables } from './template-variables';

/** Each registry: auth shape, known placeholders, no literal secrets in bodies, no secret config sent. */
export function checkRegistries(plan: PlanParts, registryIds: ReadonlyMap<string, number>, error: Report): void {
  plan.registries.forEach((registry, index) => {
    if (!registry) return;
    if (registry.auth?.type === 'header' && !registry.auth.header) {
      error(['registries', index, 'auth'], "auth type 'header' needs 'header': the HTTP header name that carries the token");
    }
    for (const kind of ['register', 'lookup', 'deregister'] as const) {
      for (const { variable, path } of templateVariables(registry[kind], ['registries', index, kind])) {
        if (isKnownTemplateVariable(variable, kind)) continue;
        const hint =
          variable === 'registration.id'
            ? ' ({{registration.id}} is only known when deregistering)'
            : '; expected plan.name, stack.id, stack.name, stack.project, stack.description, wave.id, wave.name, stack.config.<key>, stack.output.<name> or (in deregister) registration.id';
        error(path, `unknown template placeholder {{${variable}}}${hint}`);
      }
      checkRegistryBody(registry.id, kind, registry[kind], ['registries', index, kind], error);
    }
    // Stacks refer to a registry by id, so a duplicate's templates are never used; the first one's are checked.
    if (registryIds.get(registry.id) === index) checkSecretsSentToRegistry(registry, index, plan.stacks, error);
  });
}

/** A stack's registries: each declared, and every stack config its templates use present on the stack. */
export function checkStackRegistries(plan: PlanParts, stack: StackEntry, index: number, registryIds: ReadonlyMap<string, number>, error: Report): void {
  const id = stackId(stack);
  stack.registries.forEach((registry, r) => {
    if (!registryIds.has(registry)) {
      if (isRejected(plan.rejected.registries, registry)) return;
      error(
        ['stacks', index, 'registries', r],
        `unknown registry '${registry}'; expected one of the ids under 'registries'${registryIds.size ? ` (${list(registryIds.keys())})` : ' (none declared)'}`,
      );
      return;
    }
    const registryEntry = plan.registries[registryIds.get(registry)!]!;
    for (const kind of ['register', 'lookup', 'deregister'] as const) {
      for (const { variable } of templateVariables(registryEntry[kind], [])) {
        const key = variable.startsWith('stack.config.') ? variable.slice('stack.config.'.length) : undefined;
        if (key === undefined) continue;
        if (stack.config[key] === undefined) {
          error(
            ['stacks', index, 'registries', r],
            `registry '${registry}' uses {{stack.config.${key}}} in its ${kind} request, but stack '${id}' has no config '${key}'`,
          );
        }
      }
    }
  });
}

/**
 * A secret is never sent to a registry: reported once at the template text that would send it, naming the stacks
 * (of those registering with the registry) for which that config key is a secret.
 */
function checkSecretsSentToRegistry(registry: RegistryEntry, index: number, stacks: PlanParts['stacks'], error: Report): void {
  const users = stacks.filter((stack): stack is StackEntry => stack !== undefined && stack.registries.includes(registry.id));
  const reported = new Set<string>();
  for (const kind of ['register', 'lookup', 'deregister'] as const) {
    for (const { variable, path } of templateVariables(registry[kind], ['registries', index, kind])) {
      const key = /^stack\.config\.(.+)$/.exec(variable)?.[1];
      const once = `${formatPath(path)} ${variable}`;
      if (key === undefined || reported.has(once)) continue;
      const secretOf = users.filter((stack) => typeof stack.config[key] === 'object').map(stackId);
      if (secretOf.length === 0) continue;
      reported.add(once);
      error(
        path,
        `registry '${registry.id}' sends {{${variable}}} in its ${kind} request, but config '${key}' is a secret of ${namedStacks(secretOf)}; secrets are never sent to registries`,
      );
    }
  }
}

/** "stack 'a'", "stacks 'a' and 'b'", or the first few and how many more. */
function namedStacks(ids: readonly string[], shown = 5): string {
  const quoted = ids.slice(0, shown).map((id) => `'${id}'`);
  if (ids.length === 1) return `stack ${quoted[0]}`;
  if (ids.length > shown) return `stacks ${quoted.join(', ')} and ${ids.length - shown} more`;
  return `stacks ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Literal (placeholder-free) body values that are secrets: the plan holds none, and registries receive none. */
function checkRegistryBody(registryId: string, kind: string, template: RequestTemplate, path: DocPath, error: Report): void {
  for (const { text, path: at } of stringsIn(template.body ?? {}, [...path, 'body'])) {
    const key = String(at.at(-1));
    const problem = text.includes('{{') ? undefined : plainSecretProblem(key, text);
    if (problem) {
      error(
        at,
        `registry '${registryId}' sends '${key}' in its ${kind} request, and its value ${problem}; the plan holds no secrets, and registries receive none (the registry token comes from auth.tokenEnv)`,
      );
    }
  }
}
