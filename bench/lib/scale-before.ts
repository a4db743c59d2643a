// The scale benchmark's "before": what it measured on the code before the scale work (commit 66fdbe6), kept so each
// run's report shows before and after side by side. Two records of the same code: the section as it stood
// (measured under load by the benchmark as it was then) and a run of that benchmark on a quiet machine just before the
// work began. Numbers only: the code they measured is in the history.

export interface ScaleBefore {
  readonly label: string;
  readonly validateMs: number;
  readonly firstViewMs: number;
  readonly cycleMedianMs: number;
  readonly cycleP95Ms: number;
  readonly cycleCoreCpuMs: number;
  readonly cycleServerCpuMs: number;
  readonly peakRssMiB: number;
  readonly readinessMedianMs: number;
  readonly readinessP95Ms: number;
}

export const SCALE_BEFORE: readonly ScaleBefore[] = [
  {
    label: 'before, as recorded (2026-12-03T09:49Z, load 3.5)',
    validateMs: 360,
    firstViewMs: 3455,
    cycleMedianMs: 1626,
    cycleP95Ms: 2980,
    cycleCoreCpuMs: 1397,
    cycleServerCpuMs: 602,
    peakRssMiB: 533.8,
    readinessMedianMs: 12.2,
    readinessP95Ms: 20.6,
  },
  {
    label: 'before, run again on a quiet machine (12:53Z, load 0.3)',
    validateMs: 220,
    firstViewMs: 2258,
    cycleMedianMs: 1198,
    cycleP95Ms: 1425,
    cycleCoreCpuMs: 1271,
    cycleServerCpuMs: 521,
    peakRssMiB: 535.2,
    readinessMedianMs: 8.75,
    readinessP95Ms: 13.3,
  },
];
