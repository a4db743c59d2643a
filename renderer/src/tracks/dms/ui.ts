// The DMS track's renderer part (seam/track-ui.ts): its slice from the dms.* events and dms.snapshot, the Replication
// tab, the alerts button, panel and announcer, the stack panel's replication section, a wave's gate and link on the
// Plan tab, a wave's charts on the war-room screen, and its words. DMS keeps its names: the tab's view id
// `replication`, the journal's `dms-*` kinds.
import type { TrackUi } from '../../seam/track-ui';
import { AlertsButton, AlertsOverlay } from './components/Alerts';
import { ReplicationLink } from './components/ReplicationLink';
import { ReplicationView } from './components/ReplicationView';
import { StackReplication } from './components/StackReplication';
import { WallCharts } from './components/WallCharts';
import { WaveGate } from './components/WaveGate';
import { DMS, NO_DMS_SLICE, type DmsActions, type DmsSlice } from './slice';
import { connectDms } from './store/dms-actions';
import { isDmsEvent } from './store/dms';
import { DMS_JOURNAL_KINDS, DMS_STEP_LABELS, replicationTaskTarget, stackReplicationFact, taskSearchTerms } from './words';

export const dmsUi: TrackUi<DmsSlice, DmsActions> = {
  ...DMS,
  initial: NO_DMS_SLICE,
  owns: isDmsEvent,
  connect: connectDms,
  tab: {
    view: 'replication',
    label: 'Replication',
    help: 'DMS replication per wave: gates, latency heatmap, tasks, charts and table statistics',
    View: ReplicationView,
  },
  headerItem: AlertsButton,
  overlay: AlertsOverlay,
  stackSection: StackReplication,
  waveGate: WaveGate,
  waveLink: ReplicationLink,
  wallCharts: WallCharts,
  stackFacts: stackReplicationFact,
  search: { names: 'replication task', terms: taskSearchTerms },
  stepLabels: DMS_STEP_LABELS,
  journalKinds: DMS_JOURNAL_KINDS,
  journalTarget: replicationTaskTarget,
  stoppedAtCutover: 'replication',
  dataClock: (slice) => slice.dms.monitor?.dataClock ?? null,
};
