// How DMS replication reads to an operator: phase names, freshness and staleness, the heatmap's colour levels,
// which task controls the task's state obviously forbids, ETA and trend texts. Pure functions, one module a subject.
export * from './names';
export * from './freshness';
export * from './readings';
export * from './gate-judgement';
export * from './stop-reason';
export * from './heat';
export * from './controls';
export * from './alerts';
export * from './holds-and-tables';
export * from './destructive';
