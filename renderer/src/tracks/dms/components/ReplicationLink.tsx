// A wave's link to its replication, among its actions on the Plan tab.
import type { WaveView } from '../../../../../main/api/contract';
import { useDmsActions } from '../slice';

export function ReplicationLink({ wave }: { wave: WaveView }) {
  const { openReplication } = useDmsActions();
  return (
    <button
      type="button"
      className="link-button wave-replication-link"
      onClick={() => openReplication(wave.id)}
      title={`Gates, latency heatmap and tasks of ${wave.name}`}
    >
      Replication of {wave.name} →
    </button>
  );
}
