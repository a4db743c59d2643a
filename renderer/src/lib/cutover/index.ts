// Pure helpers of the runbook panel: its clocks (T-minus, elapsed, downtime budget), which controls a run allows,
// the run's status in words beside the wave's phase, what a step card says (each fact once), the planned-vs-actual
// timeline's layout, what a confirmation still misses, and who started, confirmed or finalized a run in words.
export * from './clocks';
export * from './controls';
export * from './operator';
export * from './status';
export * from './window';
export * from './timeline';
