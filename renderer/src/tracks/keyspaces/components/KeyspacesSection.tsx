// The stack detail panel's Keyspaces section, for a stack whose Cassandra data moves (nothing for one without): one
// line each for the bulk load, the dual-write hold and the validation, and the way to the stack's card on the tab.
import type { MonitorStatusView, PlanView, StackView } from '../../../../../main/api/contract';
import type { KeyspacesStackView, ValidationView } from '../../../../../main/tracks/keyspaces/contract';
import { useKeyspaces, useKeyspacesActions } from '../slice';
import { BULK_LOAD_TONE, bulkLoadPhase, HOLD_STATUS_TONE, holdStatus, holdSummary, loadSummary, validationPill, validationSummary, type Tone } from '../words';

export function KeyspacesSection({ stack }: { plan: PlanView; stack: StackView }) {
  const view = useKeyspaces((slice) => slice.stacks[stack.id]);
  const validation = useKeyspaces((slice) => slice.validations[stack.id]);
  const monitor = useKeyspaces((slice) => slice.monitor);
  const { openKeyspaces } = useKeyspacesActions();
  if (!view) return null;
  return <KeyspacesSummary stackName={stack.name} view={view} validation={validation} monitor={monitor} onOpen={() => openKeyspaces(stack.id)} />;
}

export interface KeyspacesSummaryProps {
  stackName: string;
  view: KeyspacesStackView;
  validation: ValidationView | undefined;
  monitor: MonitorStatusView | null;
  onOpen: () => void;
}

/** The section's content. */
export function KeyspacesSummary({ stackName, view, validation, monitor, onOpen }: KeyspacesSummaryProps) {
  const clock = monitor?.dataClock ?? null;
  return (
    <section aria-label={`Keyspaces of ${stackName}`} data-testid="keyspaces-summary">
      <h3>Keyspaces</h3>
      <dl className="detail-facts">
        <dt>Bulk load</dt>
        <dd data-testid="keyspaces-summary-load">
          <Dot tone={BULK_LOAD_TONE[bulkLoadPhase(view.bulkLoad)]} /> {loadSummary(view.bulkLoad, clock)}
        </dd>
        <dt>Dual writes</dt>
        <dd data-testid="keyspaces-summary-hold">
          <Dot tone={HOLD_STATUS_TONE[holdStatus(view.dualWrite, view.proxy)]} /> {holdSummary(view.dualWrite, view.proxy, clock)}
        </dd>
        <dt>Validation</dt>
        <dd data-testid="keyspaces-summary-validation">
          <Dot tone={validation ? validationPill(validation).tone : 'neutral'} /> {validationSummary(validation, clock)}
        </dd>
      </dl>
      <button type="button" className="link-button ks-open" onClick={onOpen} title={`Bulk load, tables, proxy, hold and validation of ${stackName}`}>
        Keyspaces of {stackName} →
      </button>
    </section>
  );
}

/** A line's tone beside its words (the words say it all; the dot only helps the eye). */
function Dot({ tone }: { tone: Tone }) {
  return <span className="gate-dot ks-dot" data-gate={tone} aria-hidden="true" />;
}
