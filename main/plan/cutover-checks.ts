// The located checks of a wave's cutover runbook: each step manual or an action, ids unique, the downtime started
// once, templates resolvable, secrets never sent where they do not belong, and an order that makes sense. A track's
// action is checked by its own declaration (PlanAction.check), at the place the core's are.
import type { PlanAction } from './grammar';
import { stackId, type LocatedReport } from './located-report';
import { closestWord, isCoreAction, type StackEntry, type WaveEntry } from './schema';
import { plainSecretProblem } from './secret-words';
import { STATIC_TEMPLATE_VARIABLES, URL_TEMPLATE_VARIABLES } from './template-variables';

/** A wave's runbook: each step is manual or an action, ids unique, templates resolvable, order sensible. */
export function checkCutover(
  wave: WaveEntry,
  index: number,
  stacks: readonly StackEntry[],
  actions: ReadonlyMap<string, PlanAction>,
  report: LocatedReport,
): void {
  const { error, warning } = report;
  const cutover = wave.cutover!;
  const base = ['waves', index, 'cutover'];
  const window = wave.cutoverWindow;
  if (window) {
    const minutes = (Date.parse(window.end) - Date.parse(window.start)) / 60_000;
    if (minutes > 0 && cutover.downtimeBudgetMinutes > minutes) {
      warning([...base, 'downtimeBudgetMinutes'], `downtime budget (${cutover.downtimeBudgetMinutes} min) is longer than the cutover window (${minutes} min)`);
    }
  }
  const stepIds = new Map<string, number>();
  /** The first step that moves traffic to AWS: a drain after it comes too late. */
  let moveTrafficAt: number | undefined;
  let downtimeStartAt: number | undefined;
  cutover.runbook.forEach((step, s) => {
    const path = [...base, 'runbook', s];
    if (step.startsDowntime) {
      if (downtimeStartAt !== undefined)
        error(
          [...path, 'startsDowntime'],
          `step '${step.id}' starts the downtime, but step '${cutover.runbook[downtimeStartAt]!.id}' already does: the downtime starts once`,
        );
      else downtimeStartAt = s;
    }
    const first = stepIds.get(step.id);
    if (first !== undefined) error([...path, 'id'], `duplicate step '${step.id}': already declared at runbook[${first}]`);
    else stepIds.set(step.id, s);
    if (step.manual !== undefined && step.action) {
      error(
        [...path, 'action'],
        `step '${step.id}' has both 'manual' and 'action'; a step is either a checklist item the operator confirms or an action the cockpit runs`,
        'key',
      );
    } else if (step.manual === undefined && !step.action) {
      error(path, `step '${step.id}' needs 'manual: <checklist text>' or 'action: { type: ... }' (one of: ${[...actions.keys()].join(', ')})`);
    }
    const action = step.action;
    if (!action) return;
    const actionPath = [...path, 'action'];
    if (actions.get(action.type)?.pointOfNoReturn && step.pointOfNoReturn !== true)
      error(
        [...actionPath, 'type'],
        `step '${step.id}' runs ${action.type}, which a rollback cannot undo: mark the step 'pointOfNoReturn: true' (the operator then types the wave id before it runs)`,
      );
    if (!isCoreAction(action)) actions.get(action.type)?.check?.(action, actionPath, wave, stacks, report);
    else
      switch (action.type) {
        case 'pulumi-up':
          for (const [key, value] of Object.entries(action.config)) {
            const keyPath = [...actionPath, 'config', key];
            const secretOn = stacks.find((stack) => typeof stack.config[key] === 'object');
            const plainSecret = typeof value === 'string' ? plainSecretProblem(key, value) : undefined;
            if (key.startsWith('cockpit:'))
              error(keyPath, `config '${key}' is the cockpit's own (written for every operation); the cutover cannot change it`, 'key');
            else if (secretOn)
              error(
                keyPath,
                `config '${key}' is a secret of stack '${stackId(secretOn)}'; the cutover config cannot replace a secret with a plain value`,
                'key',
              );
            else if (plainSecret) error(keyPath, `cutover config '${key}' ${plainSecret}; secrets belong in the stack config as { secretEnv: ENV_VAR_NAME }`);
          }
          break;
        case 'register':
          if (stacks.length > 0 && stacks.every((stack) => stack.registries.length === 0)) {
            warning([...actionPath, 'type'], `register has nothing to do: no stack of wave '${wave.id}' registers with a registry`);
          }
          break;
        case 'http-check':
          for (const match of action.url.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
            const variable = match[1]!;
            const config = /^stack\.config\.(.+)$/.exec(variable);
            if (config) {
              const missing = stacks.find((stack) => stack.config[config[1]!] === undefined);
              const secret = stacks.find((stack) => typeof stack.config[config[1]!] === 'object');
              if (secret) error([...actionPath, 'url'], `the URL uses {{${variable}}}, a secret of stack '${stackId(secret)}'; secrets never go into URLs`);
              else if (missing) error([...actionPath, 'url'], `the URL uses {{${variable}}}, but stack '${stackId(missing)}' has no config '${config[1]}'`);
              continue;
            }
            if (STATIC_TEMPLATE_VARIABLES.has(variable) || /^stack\.output\.[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) continue;
            const suggestion = closestWord(variable, [...STATIC_TEMPLATE_VARIABLES]);
            error(
              [...actionPath, 'url'],
              `unknown template placeholder {{${variable}}}; ${suggestion ? `did you mean {{${suggestion}}}?` : `expected one of: ${URL_TEMPLATE_VARIABLES.join(', ')}`}`,
            );
          }
          break;
      }
    // The order rule reads roles, not types: a drain (stop-replication) after a move-traffic step (pulumi-up).
    const role = actions.get(action.type)?.role;
    if (role === 'drain' && moveTrafficAt !== undefined) {
      warning(
        [...actionPath, 'type'],
        `traffic moves to AWS (step '${cutover.runbook[moveTrafficAt]!.id}') before replication stops; changes written on AWS meanwhile can be overwritten by the data center's`,
      );
    }
    if (role === 'move-traffic') moveTrafficAt ??= s;
  });
}
