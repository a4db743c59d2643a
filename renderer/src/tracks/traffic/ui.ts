// The traffic track's renderer part (seam/track-ui.ts): its slice from the traffic.* events and traffic.snapshot, its
// actions (pause, resume, promote and abort a wave's running shift), the Traffic tab, the stack panel's section of the
// stack's service, the words of its runbook action and journal kind, and its monitor's data clock.
import type { TrackUi } from '../../seam/track-ui';
import { connectTraffic } from './actions';
import { TrafficSection } from './components/TrafficSection';
import { TrafficView } from './components/TrafficView';
import { isTrafficEvent, NO_TRAFFIC, TRAFFIC, type TrafficActions, type TrafficSlice } from './slice';
import { TRAFFIC_JOURNAL_KINDS, TRAFFIC_STEP_LABELS } from './words';
import './traffic.css';

export const trafficUi: TrackUi<TrafficSlice, TrafficActions> = {
  ...TRAFFIC,
  initial: NO_TRAFFIC,
  owns: isTrafficEvent,
  connect: connectTraffic,
  tab: {
    view: 'traffic',
    label: 'Traffic',
    help: 'Users moving from the data center to AWS step by step: each service’s weights, target health, requests and 5xx per minute, each step’s analysis against its thresholds, and the shift’s controls (pause, resume, promote, abort)',
    View: TrafficView,
  },
  stackSection: TrafficSection,
  stepLabels: TRAFFIC_STEP_LABELS,
  journalKinds: TRAFFIC_JOURNAL_KINDS,
  dataClock: (slice) => slice.monitor?.dataClock ?? null,
};
