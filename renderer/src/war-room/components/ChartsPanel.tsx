// The wave's live charts, from the tracks that offer them for the wall (seam: TrackUi.wallCharts; DMS: CDC latency
// and throughput per task). The core UI names no track: it shows what the list gives, or says there is none.
import type { PlanView, WaveView } from '../../../../main/api/contract';
import { useTrackUis } from '../../seam/use-track';

export function ChartsPanel({ plan, wave }: { plan: PlanView; wave: WaveView }) {
  const tracks = useTrackUis();
  const charts = tracks.flatMap((track) => (track.wallCharts ? [{ id: track.id, Charts: track.wallCharts }] : []));
  return (
    <section className="wr-panel wr-charts" aria-label="Live charts" data-testid="wall-charts-panel">
      <h2 className="wr-panel-title">Replication</h2>
      {charts.length === 0 ? <p className="wr-note">No live charts for this wave.</p> : null}
      {charts.map(({ id, Charts }) => (
        <Charts key={id} plan={plan} wave={wave} />
      ))}
    </section>
  );
}
