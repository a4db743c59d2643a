// One moving stack on the Keyspaces tab: its name, keyspaces and panels (bulk load, tables, dual-write proxy and
// hold, validation). Pure: what it shows and what its buttons call come in as props.
import type { KeyspacesStackView, ValidationView } from '../../../../../main/tracks/keyspaces/contract';
import type { ClockRate } from '../../../lib/readiness';
import type { KeyspacesActions, KeyspacesCommandKind, KeyspacesRefusal, LaunchedRun } from '../slice';
import { bulkLoadBlocked } from '../words';
import { BulkLoadPanel } from './BulkLoadPanel';
import { DualWritePanel } from './DualWritePanel';
import { ProxyPanel } from './ProxyPanel';
import { TableSignals } from './TableSignals';
import { ValidationPanel } from './ValidationPanel';

export interface StackCardProps {
  view: KeyspacesStackView;
  name: string;
  validation: ValidationView | undefined;
  clock: ClockRate | null;
  pending: KeyspacesCommandKind | undefined;
  refusal: KeyspacesRefusal | undefined;
  launched: LaunchedRun | undefined;
  focused: boolean;
  actions: KeyspacesActions;
}

export function StackCard({ view, name, validation, clock, pending, refusal, launched, focused, actions }: StackCardProps) {
  const { stackId } = view;
  const dismiss = () => actions.dismissRefusal(stackId);
  return (
    <article
      className="ks-card"
      aria-label={`Keyspaces of ${name}`}
      data-testid="keyspaces-card"
      data-keyspaces-stack={stackId}
      data-focused={focused || undefined}
    >
      <header className="ks-card-head">
        <h4 className="ks-card-title">{name}</h4>
        <span className="muted">
          <code>{view.originKeyspace}</code> → Keyspaces <code>{view.targetKeyspace}</code>
        </span>
        {name !== stackId ? <code className="muted ks-stack-id">{stackId}</code> : null}
      </header>
      <div className="ks-card-body">
        <BulkLoadPanel
          load={view.bulkLoad}
          clock={clock}
          blocked={bulkLoadBlocked(view.bulkLoad, pending, launched)}
          refusal={refusal?.action === 'bulk-load' ? refusal : null}
          onStart={() => void actions.startBulkLoad(stackId)}
          onDismiss={dismiss}
        />
        <DualWritePanel hold={view.dualWrite} proxy={view.proxy} clock={clock} />
        <ProxyPanel proxy={view.proxy} clock={clock} />
        <TableSignals tables={view.tables} clock={clock} />
        <ValidationPanel
          view={validation}
          clock={clock}
          pending={pending}
          refusal={refusal && refusal.action !== 'bulk-load' ? refusal : null}
          onValidate={() => void actions.validate(stackId)}
          onCancel={() => void actions.cancelValidation(stackId)}
          onRecheck={(table, ranges) => void actions.recheck(stackId, table, ranges)}
          onDismiss={dismiss}
        />
      </div>
    </article>
  );
}
