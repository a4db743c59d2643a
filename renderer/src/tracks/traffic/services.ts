// Which services the Traffic tab shows in what order and with which shift: by wave in the plan's order (a wave with a
// shift and no service view still shows, so a running shift is never out of sight), each wave's services in its
// stacks' order, then waves the plan does not know and services in no wave; a stack's service and the shift that moves
// it (its wave's, running or last). Pure.
import type { PlanView, WaveView } from '../../../../main/api/contract';
import type { ServiceView, ShiftView } from '../../../../main/tracks/traffic/contract';
import { shiftMoves } from './shifts';

export interface TrafficWaveGroup {
  /** The wave's id as the views carry it (null: services in no wave). */
  readonly waveId: string | null;
  /** The plan's wave, when the plan knows it. */
  readonly wave: WaveView | null;
  /** The wave's newest shift, or null when none ran. */
  readonly shift: ShiftView | null;
  readonly services: readonly ServiceView[];
}

export function groupServices(plan: PlanView | null, services: readonly ServiceView[], shifts: Readonly<Record<string, ShiftView>>): TrafficWaveGroup[] {
  const hasShift = (waveId: string) => Object.hasOwn(shifts, waveId);
  const waveIds: (string | null)[] = [];
  for (const wave of plan?.waves ?? []) if (hasShift(wave.id) || services.some((service) => service.waveId === wave.id)) waveIds.push(wave.id);
  for (const service of services) if (service.waveId !== null && !waveIds.includes(service.waveId)) waveIds.push(service.waveId);
  for (const waveId of Object.keys(shifts)) if (!waveIds.includes(waveId)) waveIds.push(waveId);
  if (services.some((service) => service.waveId === null)) waveIds.push(null);
  return waveIds.map((waveId) => {
    const wave = plan?.waves.find((candidate) => candidate.id === waveId) ?? null;
    const members = services.filter((service) => service.waveId === waveId);
    const order = wave?.stackIds ?? [];
    const rank = (service: ServiceView) => {
      const index = order.indexOf(service.stackId);
      return index < 0 ? order.length : index;
    };
    return {
      waveId,
      wave,
      shift: waveId !== null && hasShift(waveId) ? shifts[waveId]! : null,
      services: [...members].sort((a, b) => rank(a) - rank(b)),
    };
  });
}

/** A stack's name as the plan gives it, else its id. */
export function stackName(plan: PlanView | null, stackId: string): string {
  return plan?.stacks.find((stack) => stack.id === stackId)?.name ?? stackId;
}

/** A wave's heading: the plan's name, else its id, or that the services are in no wave. */
export function waveTitle(group: Pick<TrafficWaveGroup, 'wave' | 'waveId'>): string {
  if (group.wave) return group.wave.name;
  return group.waveId === null ? 'In no wave' : `Wave ${group.waveId}`;
}

/** The stack's services (one per stack with a traffic block), in the monitor's order. */
export function servicesOfStack(services: readonly ServiceView[], stackId: string): ServiceView[] {
  return services.filter((service) => service.stackId === stackId);
}

/** The shift that moves the stack's service: its wave's newest, when it moves the stack. */
export function shiftOfService(shifts: Readonly<Record<string, ShiftView>>, service: ServiceView): ShiftView | null {
  const shift = service.waveId !== null && Object.hasOwn(shifts, service.waveId) ? shifts[service.waveId]! : null;
  return shift && shiftMoves(shift, service.stackId) ? shift : null;
}
