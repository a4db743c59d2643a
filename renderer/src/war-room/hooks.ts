// The wall's reads of the store: the plan, the wave it shows (lib/choose-wave.ts), the core's time for that wave's
// clocks.
import { useMemo, useState } from 'react';
import type { PlanView, WavePhase } from '../../../main/api/contract';
import { useNow } from '../hooks/use-now';
import { useCockpit } from '../store/context';
import { chooseWave, type WaveChoice } from './lib/choose-wave';

/** How often the choice of wave is looked at again (a window opening, a run ending): it changes rarely. */
const CHOICE_TICK_MS = 15_000;

export function usePlan(): PlanView | null {
  const snapshot = useCockpit((state) => state.snapshot);
  return snapshot?.status === 'loaded' ? snapshot.plan : null;
}

/** The wave the screen was opened on (`war-room.html?wave=wave-1`), if any. */
function askedWave(): string | null {
  return new URLSearchParams(window.location.search).get('wave');
}

export function useChosenWave(plan: PlanView | null): WaveChoice | null {
  const runs = useCockpit((state) => state.cutover.runs);
  const readiness = useCockpit((state) => state.readiness.waves);
  const now = useNow(true, CHOICE_TICK_MS);
  const [asked] = useState(askedWave);
  return useMemo(() => {
    if (!plan) return null;
    const phases: Record<string, WavePhase | undefined> = {};
    for (const wave of plan.waves) phases[wave.id] = readiness[wave.id]?.phase;
    return chooseWave(plan.waves, runs, phases, now, asked);
  }, [plan, runs, readiness, now, asked]);
}

/** The core's time now for a wave's run (our clock plus the skew its view arrived with), ticking every second. */
export function useCoreNow(waveId: string): number {
  const skew = useCockpit((state) => state.cutover.skewMs[waveId] ?? 0);
  return useNow(true, 1000) + skew;
}
