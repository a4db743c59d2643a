// A stack's newest validation, origin against Keyspaces over CQL: its state (a re-check says it is one and never
// reads as a whole clean validation), its progress, its tables and their mismatches; "Validate" (the whole tables),
// "Cancel" while it runs, "Re-check these ranges" per table with mismatches, and the core's refusal in its words.
import type { ValidationView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import type { KeyspacesCommandKind, KeyspacesRefusal, TokenRangeRef } from '../slice';
import { hasRangesToRecheck } from '../stacks';
import { RECHECK_NOTE, sendingText, validationBlocked, validationPill, validationScopeText } from '../words';
import { TonePill } from './Pill';
import { Refusal } from './Refusal';
import { TableMismatches } from './TableMismatches';
import { ValidationProgress } from './ValidationProgress';
import { ValidationTables } from './ValidationTables';

export interface ValidationPanelProps {
  view: ValidationView | undefined;
  clock: ClockRate | null;
  pending: KeyspacesCommandKind | undefined;
  refusal: KeyspacesRefusal | null;
  onValidate: () => void;
  onCancel: () => void;
  onRecheck: (table: string, ranges: readonly TokenRangeRef[]) => void;
  onDismiss: () => void;
}

export function ValidationPanel({ view, clock, pending, refusal, onValidate, onCancel, onRecheck, onDismiss }: ValidationPanelProps) {
  const blocked = validationBlocked(view, pending);
  const running = view?.state === 'running';
  const pill = view ? validationPill(view) : { label: 'Not validated yet', tone: 'neutral' as const };
  const tablesToShow = view?.tables.filter((table) => hasRangesToRecheck(table) || table.problem !== null || table.columnDifferences.length > 0) ?? [];
  return (
    <section
      className="ks-panel ks-wide ks-validation"
      aria-label="Validation"
      data-testid="keyspaces-validation"
      data-state={view?.state ?? 'none'}
      data-scope={view?.scope ?? 'none'}
    >
      <header className="ks-panel-head">
        <h5 className="ks-panel-title">Validation</h5>
        <TonePill tone={pill.tone} label={pill.label} testId="keyspaces-validation-state" />
        {view ? <span className="muted">{validationScopeText(view)}</span> : null}
      </header>
      {view?.scope === 'recheck' ? (
        <p className="ks-recheck-scope" data-testid="keyspaces-recheck-note">
          {RECHECK_NOTE}
        </p>
      ) : null}
      {view ? (
        <>
          <ValidationProgress view={view} clock={clock} />
          {view.problem !== null ? (
            <div className="error-box" role={view.state === 'failed' ? 'alert' : undefined} data-testid="keyspaces-validation-problem">
              <strong>{view.state === 'failed' ? 'The validation failed.' : 'Problem:'}</strong>
              <pre className="error-text">{view.problem}</pre>
            </div>
          ) : null}
          <ValidationTables tables={view.tables} />
          {tablesToShow.map((table) => (
            <TableMismatches key={table.table} table={table} blocked={blocked} onRecheck={onRecheck} />
          ))}
        </>
      ) : (
        <p className="muted">Origin and Keyspaces have not been compared yet: the Validation gate waits for a whole validation after the bulk load.</p>
      )}
      <div className="ks-actions">
        <button
          type="button"
          className="primary"
          data-command="validate"
          disabled={blocked !== null}
          title={blocked ?? 'Compares every table, origin against Keyspaces: row counts per token range and sampled rows'}
          onClick={onValidate}
        >
          Validate
        </button>
        {running ? (
          <button type="button" className="danger-outline" data-command="cancel" disabled={pending !== undefined} onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        {pending && pending !== 'bulk-load' ? <span className="muted ks-why">{sendingText(pending)}</span> : null}
      </div>
      {refusal ? <Refusal refusal={refusal} onDismiss={onDismiss} /> : null}
    </section>
  );
}
