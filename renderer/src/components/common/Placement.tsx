// Where a stack (or a wave, a step, a task) acts: its account by name and id, and its region. A production account
// is marked with the production tone and the word "production", never with colour alone; an account the environment
// banner calls unusable says "unusable" wherever it shows, its reason on hover. Renders nothing for a
// plan without accounts (no placements), so screens of such plans do not change.
import type { AccountView, WaveView } from '../../../../main/api/contract';
import { useAccountProblem, usePlanAccounts, useStackPlacements } from '../../hooks/use-placements';
import { accountWords, placementTitle, type Placement } from '../../lib/accounts';

interface PlacementTagProps {
  placement: Placement;
  /** The plan's accounts: the tooltip names the account's organizational unit. */
  accounts: readonly AccountView[];
  /** The account's name and the region only (the id stays in the tooltip), for tight places. */
  short?: boolean;
  testId?: string;
}

/** A placement, with the banner's truth about its account: an unusable one says so here too. */
export function PlacementTag(props: PlacementTagProps) {
  return <PlacementTagView {...props} problem={useAccountProblem(props.placement.account.id)} />;
}

/** The tag itself, given why its account is unusable now (`problem`; null while it is usable). */
export function PlacementTagView({ placement, accounts, short = false, testId = 'placement', problem }: PlacementTagProps & { problem: string | null }) {
  const production = placement.account.production;
  return (
    <span
      className="placement"
      data-production={production || undefined}
      data-unusable={problem !== null || undefined}
      data-account-id={placement.account.id}
      data-region={placement.region}
      data-testid={testId}
      title={problem ? `${placementTitle(placement, accounts)}\nUnusable now: ${problem}` : placementTitle(placement, accounts)}
    >
      {/* Account and region wrap as wholes: a narrow card breaks the line after the separator, so the region's line
          never starts with a dangling dot. */}
      <span className="placement-where">
        <span className="placement-account">{accountWords(placement, short)} ·</span> <span className="placement-region">{placement.region}</span>
      </span>
      {production ? <span className="placement-production">production</span> : null}
      {problem ? <span className="placement-unusable">unusable</span> : null}
    </span>
  );
}

/**
 * Several placements (a wave's stacks may span accounts and regions), each once; nothing when there are none. Spans
 * with list roles, so the list may sit inside a button (a wave's row on the Waves tab).
 */
export function PlacementList({
  placements,
  accounts,
  label,
  short = false,
}: {
  placements: readonly Placement[];
  accounts: readonly AccountView[];
  /** The list's accessible name, e.g. "Accounts of Pilot". */
  label: string;
  short?: boolean;
}) {
  if (placements.length === 0) return null;
  return (
    <span className="placement-list" role="list" aria-label={label} data-testid="placement-list">
      {placements.map((placement) => (
        <span role="listitem" key={`${placement.account.id}/${placement.region}`}>
          <PlacementTag placement={placement} accounts={accounts} short={short} />
        </span>
      ))}
    </span>
  );
}

/** The accounts and regions a wave's stacks live in, each once, in plan order. */
export function WavePlacements({ wave, short = false }: { wave: WaveView; short?: boolean }) {
  return <StackPlacements stackIds={wave.stackIds} label={`Accounts and regions of ${wave.name}`} short={short} />;
}

/** The accounts and regions of the stacks with these ids (a runbook step's), each once. */
export function StackPlacements({ stackIds, label, short = false }: { stackIds: readonly string[]; label: string; short?: boolean }) {
  const placements = useStackPlacements(stackIds);
  const accounts = usePlanAccounts();
  return <PlacementList placements={placements} accounts={accounts} label={label} short={short} />;
}
