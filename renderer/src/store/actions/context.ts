// What every group of store actions shares: the transport, the store's get/set, the error banners, the busy flags,
// the re-read rule (arrivals) and the other actions (some actions start others).
import type { ApiError, CockpitApi } from '../../../../main/api/contract';
import type { ArrivalLog } from '../arrivals';
import type { CockpitActions, CockpitState } from '../cockpit-state';

export interface StoreContext {
  readonly api: CockpitApi;
  readonly get: () => CockpitState;
  readonly set: (partial: Partial<CockpitState> | ((state: CockpitState) => Partial<CockpitState>)) => void;
  readonly pushError: (error: ApiError | string) => void;
  readonly setBusy: (key: keyof CockpitState['busy'], value: boolean) => void;
  readonly arrivals: ArrivalLog;
  readonly actions: () => CockpitActions;
}

/** The record without `key` (the same record when it has none). */
export function without<V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}
