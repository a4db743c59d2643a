// The Keyspaces track's renderer part (seam/track-ui.ts): its slice from the keyspaces.* events and
// keyspaces.snapshot, its actions (bulk load, validate, re-check, cancel), the Keyspaces tab, the stack panel's
// Keyspaces section and the words of its journal kinds. The gate matrix's Bulk load, Dual writes and Validation
// columns come from the plan's gate columns already.
import type { TrackUi } from '../../seam/track-ui';
import { connectKeyspaces } from './actions';
import { KeyspacesSection } from './components/KeyspacesSection';
import { KeyspacesView } from './components/KeyspacesView';
import { isKeyspacesEvent, KEYSPACES, NO_KEYSPACES, type KeyspacesActions, type KeyspacesSlice } from './slice';
import { KEYSPACES_JOURNAL_KINDS } from './words';
import './keyspaces.css';

export const keyspacesUi: TrackUi<KeyspacesSlice, KeyspacesActions> = {
  ...KEYSPACES,
  initial: NO_KEYSPACES,
  owns: isKeyspacesEvent,
  connect: connectKeyspaces,
  tab: {
    view: 'keyspaces',
    label: 'Keyspaces',
    help: 'Cassandra to Amazon Keyspaces per moving stack: bulk load, table throttling, the dual-write proxy and its hold, validation',
    View: KeyspacesView,
  },
  stackSection: KeyspacesSection,
  stepLabels: {
    'keyspaces-mirror-reads': 'Mirror reads to Keyspaces',
    'keyspaces-primary-target': 'Keyspaces primary',
    'keyspaces-validate': 'Validate Keyspaces',
    'keyspaces-remove-proxy': 'Remove the proxy',
  },
  journalKinds: KEYSPACES_JOURNAL_KINDS,
  dataClock: (slice) => slice.monitor?.dataClock ?? null,
};
