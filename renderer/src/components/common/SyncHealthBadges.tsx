// A stack's two separate questions (as Argo CD keeps them apart): is it as the plan says (sync), does it work
// (health)? Derived by the core (main/cutover/readiness.ts stackSync / stackHealth); named here.
import type { StackHealth, StackSync } from '../../../../main/api/contract';

const SYNC_LABELS: Record<StackSync['status'], string> = { synced: 'Synced', 'out-of-sync': 'Out of sync', missing: 'Not deployed', unknown: 'Sync unknown' };
const HEALTH_LABELS: Record<StackHealth['status'], string> = {
  healthy: 'Healthy',
  progressing: 'Progressing',
  degraded: 'Degraded',
  missing: 'Missing',
  unknown: 'Health unknown',
};

export function SyncHealthBadges({ sync, health }: { sync: StackSync; health: StackHealth }) {
  // A stack never deployed says so once (its lifecycle badge already reads "planned").
  if (sync.status === 'missing' && health.status === 'missing') return null;
  return (
    <span className="axis-badges" data-testid="sync-health">
      <span className="axis-badge" data-status={sync.status} data-testid="stack-sync" title={`Sync with the plan: ${sync.reason ?? SYNC_LABELS[sync.status]}`}>
        {SYNC_LABELS[sync.status]}
      </span>
      <span className="axis-badge" data-status={health.status} data-testid="stack-health" title={`Health: ${health.reason ?? HEALTH_LABELS[health.status]}`}>
        {HEALTH_LABELS[health.status]}
      </span>
    </span>
  );
}
