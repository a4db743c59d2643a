// The plan's grammar: the core's schemas with the parts of the tracks the cockpit runs composed in. main/seam
// composes it from the tracks (plan-grammar.ts) and hands it to the loader, so main/plan names no track: a part's
// keys join the stack and wave schemas, its runbook actions the action union, its check runs beside the core's
// checks, and its view adds its fields to the plan view.
import { z } from 'zod';
import { ACTION_ROLES, type ActionRole } from '../../common/runbook';
import type { LocatedReport } from './located-report';
import type { StackModel, WaveModel } from './model';
import type { PlanParts, ResolvedWave } from './plan-parts';
import {
  closestWord,
  CORE_STACK_FIELDS,
  CORE_WAVE_FIELDS,
  HttpCheckAction,
  planFileSchema,
  PulumiUpAction,
  RegisterAction,
  stackSchema,
  waveSchema,
  type PlanFile,
  type RunbookAction,
  type StackEntry,
  type WaveEntry,
} from './schema';
import type { DocPath } from './source';

/** A runbook action a plan may name: its schema (a strict object whose `type` is a literal) and the role it plays. */
export interface PlanAction<A extends { readonly type: string } = { readonly type: string }> {
  readonly type: A['type'];
  readonly schema: z.ZodType<A> & z.core.$ZodTypeDiscriminable;
  /** What it does to the cutover: the order check reads it (a drain after a move-traffic step), never the type. */
  readonly role: ActionRole;
  /**
   * What it does cannot be undone by a rollback: a step running it must be marked `pointOfNoReturn: true` in the
   * plan (the runbook then waits for the wave's id typed before the step does anything).
   */
  readonly pointOfNoReturn?: true;
  /** Located checks of one step's action against its wave's stacks (`at` is the step's `action`). */
  check?(action: A, at: DocPath, wave: WaveEntry, stacks: readonly StackEntry[], report: LocatedReport): void;
}

/** What a part adds to the plan (a track's PlanPart, main/seam/plan-part.ts, is one). */
export interface GrammarPart {
  /** Its keys on every stack, after the stack's own. */
  readonly stackShape?: z.ZodRawShape;
  /** Its keys on every wave, after the wave's own settings and before its cutover window and runbook. */
  readonly waveShape?: z.ZodRawShape;
  /** The runbook actions it adds. */
  readonly actions?: readonly PlanAction[];
  /**
   * Its located checks, on the parts the schema accepted (plan-parts.ts); `waves` are the stacks each valid wave
   * resolved to, by the wave's index.
   */
  check?(plan: PlanParts, waves: readonly (ResolvedWave | undefined)[], report: LocatedReport): void;
  /** Its fields of a stack's and of a wave's view (PlanView), after the core's own. */
  view?(stack: StackModel): Readonly<Record<string, unknown>>;
  waveView?(wave: WaveModel): Readonly<Record<string, unknown>>;
}

/** A part and whose it is ("track 'dms'"), for the error when two claim one key. */
export interface OwnedPart {
  readonly owner: string;
  readonly part: GrammarPart;
}

export interface PlanGrammar {
  readonly planSchema: z.ZodType<PlanFile>;
  readonly stackSchema: z.ZodType<StackEntry>;
  readonly waveSchema: z.ZodType<WaveEntry>;
  readonly actionSchema: z.ZodType<RunbookAction>;
  /** Every action a plan may name, by type, in the order a runbook runs them (by role, the core's first within one). */
  readonly actions: ReadonlyMap<string, PlanAction>;
  readonly parts: readonly GrammarPart[];
}

/** The core's actions and their roles; main/cutover/core-actions.ts declares what each does (the catalog's test holds the roles equal). */
const CORE_ACTIONS: readonly PlanAction[] = [
  { type: 'pulumi-up', schema: PulumiUpAction, role: 'move-traffic' },
  { type: 'register', schema: RegisterAction, role: 'register' },
  { type: 'http-check', schema: HttpCheckAction, role: 'check' },
];

const CORE = 'the core';

/** Composes the grammar; throws when two parts (or a part and the core) claim one key or action: a track's bug, found at start. */
export function planGrammar(parts: readonly OwnedPart[]): PlanGrammar {
  claim('stack field', CORE_STACK_FIELDS, parts, (part) => Object.keys(part.stackShape ?? {}));
  claim('wave field', CORE_WAVE_FIELDS, parts, (part) => Object.keys(part.waveShape ?? {}));
  claim(
    'runbook action',
    CORE_ACTIONS.map((action) => action.type),
    parts,
    (part) => (part.actions ?? []).map((action) => action.type),
  );
  const ordered = [...CORE_ACTIONS, ...parts.flatMap(({ part }) => part.actions ?? [])].sort(
    (a, b) => ACTION_ROLES.indexOf(a.role) - ACTION_ROLES.indexOf(b.role),
  );
  const actions = new Map(ordered.map((action) => [action.type, action]));
  const actionSchema = actionUnion([...actions.keys()], ordered);
  const stack = stackSchema(Object.assign({}, ...parts.map(({ part }) => part.stackShape ?? {})));
  const wave = waveSchema(Object.assign({}, ...parts.map(({ part }) => part.waveShape ?? {})), actionSchema);
  return {
    planSchema: planFileSchema(stack, wave),
    stackSchema: stack,
    waveSchema: wave,
    actionSchema,
    actions,
    parts: parts.map(({ part }) => part),
  };
}

/** Refuses a name the core or an earlier part has already (`names` of each part, in order). */
function claim(kind: string, core: readonly string[], parts: readonly OwnedPart[], names: (part: GrammarPart) => readonly string[]): void {
  const owners = new Map(core.map((name) => [name, CORE]));
  for (const { owner, part } of parts) {
    for (const name of names(part)) {
      const taken = owners.get(name);
      if (taken) throw new Error(`${kind} '${name}' of ${owner} is declared by ${taken} already`);
      owners.set(name, owner);
    }
  }
}

/** The union of every action's schema; an unknown or missing type is named with the types there are ("did you mean"). */
function actionUnion(types: readonly string[], actions: readonly PlanAction[]): z.ZodType<RunbookAction> {
  const [first, ...rest] = actions.map((action) => action.schema);
  return z.discriminatedUnion('type', [first!, ...rest], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      if (type === undefined) return `missing the action's 'type' (expected one of: ${types.join(', ')})`;
      const suggestion = typeof type === 'string' ? closestWord(type, types) : undefined;
      return `unknown action type ${JSON.stringify(type)}; ${suggestion ? `did you mean '${suggestion}'?` : `expected one of: ${types.join(', ')}`}`;
    },
  });
}
