// Side panel with everything the plan says about one stack, its operations (buttons, progress, diff, log) and
// each track's section (DMS: its replication tasks with controls, charts and table statistics).
// Escape or Close hands focus back to its card.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { PlanView, StackView } from '../../../../main/api/contract';
import { placementOf } from '../../lib/accounts';
import { formatUtc } from '../../lib/format';
import { useTrackUis } from '../../seam/use-track';
import { PlacementTag } from '../common/Placement';
import { registrationsOf } from '../common/RegistrationBadges';
import { StateBadge } from '../common/StateBadge';
import { OperationsSection } from '../operations/OperationsSection';
import { ConfigTable } from './ConfigTable';
import { useCloseDetail } from './use-close-detail';

export function StackDetailPanel({ plan, stack }: { plan: PlanView; stack: StackView }) {
  const close = useCloseDetail();
  const tracks = useTrackUis();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const wave = plan.waves.find((w) => w.id === stack.waveId) ?? null;
  const placement = placementOf(stack);

  // Move focus into the panel whenever it opens on another stack (not on lifecycle updates of the same one).
  useEffect(() => {
    headingRef.current?.focus();
  }, [stack.id]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    <aside className="detail-panel" role="dialog" aria-label={`Stack ${stack.name}`} data-testid="stack-detail" onKeyDown={onKeyDown}>
      <header className="detail-head">
        <div className="detail-title-block">
          <h2 ref={headingRef} tabIndex={-1} className="detail-title">
            {stack.name}
          </h2>
          {placement ? <PlacementTag placement={placement} accounts={plan.accounts} testId="detail-placement" /> : null}
        </div>
        <button type="button" className="icon-button" onClick={close} title="Close (Esc)">
          Close
        </button>
      </header>
      <div className="detail-body">
        <dl className="detail-facts">
          <dt>Id</dt>
          <dd>
            <code>{stack.id}</code>
          </dd>
          <dt>Project</dt>
          <dd>{stack.project}</dd>
          <dt>Wave</dt>
          <dd>{wave ? `${wave.order}. ${wave.name} (${wave.id})` : 'not in a wave'}</dd>
          {stack.description ? (
            <>
              <dt>Description</dt>
              <dd>{stack.description}</dd>
            </>
          ) : null}
          <dt>State</dt>
          <dd>
            <StateBadge state={stack.lifecycle.state} />{' '}
            <span className="muted">
              since <time dateTime={stack.lifecycle.since}>{formatUtc(stack.lifecycle.since)}</time>
            </span>
            {stack.lifecycle.detail ? <p className="lifecycle-detail">{stack.lifecycle.detail}</p> : null}
          </dd>
        </dl>

        <OperationsSection plan={plan} stack={stack} />

        <h3>Configuration</h3>
        <ConfigTable entries={stack.config} />

        <h3>Registries</h3>
        {stack.registries.length === 0 ? (
          <p className="muted">Not registered anywhere.</p>
        ) : (
          <ul className="plain-list">
            {registrationsOf(stack).map((registration) => {
              const id = registration.registryId;
              const registry = plan.registries.find((r) => r.id === id);
              return (
                <li key={id} data-testid="registration-status" data-registry={id} data-registered={registration.state}>
                  {registry ? registry.name : id} <code className="muted">{id}</code>
                  {registry ? <span className="muted"> · {registry.baseUrl === 'rehearsal' ? 'rehearsal registry' : registry.baseUrl}</span> : null}
                  <br />
                  <span className={`registration-state registration-${registration.state}`}>
                    {registration.state === 'yes' ? (
                      <>
                        ✓ registered as <code>{registration.registrationId}</code>
                      </>
                    ) : registration.state === 'no' ? (
                      '— not registered'
                    ) : (
                      '? not known yet (the stack has not been read since the cockpit started)'
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}

        {tracks.map((track) => (track.stackSection ? <track.stackSection key={track.id} plan={plan} stack={stack} /> : null))}
      </div>
    </aside>
  );
}
