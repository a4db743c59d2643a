// The hosted zones a plan's traffic services need, stood up in the rehearsal's Route 53 (the demo plan's traffic
// wave): each zone a `route53` service names, with the id the plan gives it, in the account of the service's stack
// (where the cockpit's Route 53 calls for that stack go). Its name is the service's parent domain (the plan gives the
// zone's id only): `www.shop.example.com` → `shop.example.com`; services of one zone agree on the shortest such name
// that holds them all. Read from the one place they are written, so the rehearsal has exactly the plan's zones.
import { loadPlanFile } from '../../../main/ports/plan-reading';

/** The shape of a stack's `traffic` this module reads (main/tracks/traffic/plan-schema.ts; the plan was validated by the track's grammar). */
interface StackTraffic {
  readonly service: string;
  readonly split: 'route53' | 'alb';
  readonly route53?: { readonly zoneId: string };
}

export interface ZoneSeed {
  readonly id: string;
  readonly name: string;
  /** The account whose estate holds it; the source account's when absent. */
  readonly accountId?: string;
}

/** The parent domain of a name (its first label dropped); the name itself when it has two labels or fewer. */
const parentOf = (name: string) => (name.split('.').length > 2 ? name.slice(name.indexOf('.') + 1) : name);

/** The longest common suffix of two names, label by label. */
function commonSuffix(a: string, b: string): string {
  const left = a.split('.').reverse();
  const right = b.split('.').reverse();
  const shared: string[] = [];
  for (let i = 0; i < Math.min(left.length, right.length) && left[i] === right[i]; i++) shared.push(left[i]!);
  return shared.reverse().join('.');
}

/** The zones of the plan in `planFile`; none when the plan does not load. */
export async function trafficZonesOfPlan(planFile: string): Promise<ZoneSeed[]> {
  const result = await loadPlanFile(planFile);
  if (!result.ok) return [];
  const zones = new Map<string, ZoneSeed>();
  for (const stack of result.plan.stacks.values()) {
    const traffic = (stack as { traffic?: StackTraffic }).traffic;
    if (!traffic?.route53) continue;
    const id = traffic.route53.zoneId;
    const known = zones.get(id);
    const name = known ? commonSuffix(known.name, parentOf(traffic.service)) : parentOf(traffic.service);
    const accountId = stack.account?.id;
    zones.set(id, { id, name: name || parentOf(traffic.service), ...(accountId ? { accountId } : {}) });
  }
  return [...zones.values()];
}
