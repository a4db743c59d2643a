// The data clock: the time a track's data is on. Against AWS it is the wall clock; in an accelerated rehearsal it is
// the simulated time, running `rate` times faster, and every age, hold and "green since" is measured on it.
import type { DataClockView } from '../api/contract';
import { dataClockView } from './freshness';

export interface DataClock {
  /** The data clock's time now (ms). */
  now(): number;
  /** Data-clock ms per real ms (1 against AWS). */
  readonly rate: number;
}

/** The clock now as a view carries it (with the wall-clock time it was read at, for a UI to tick it on). */
export function viewOf(clock: DataClock): DataClockView {
  return dataClockView(() => clock.now(), clock.rate);
}
