// The traffic track's gate, judged from its published views (traffic.services, traffic.monitor): `traffic.ready` —
// for every service of the stack, its load balancer and split deployed and readable, its AWS target group with at
// least the service's minHealthyHosts healthy and no more than maxUnhealthyHosts unhealthy, and no Route 53 change of
// the cockpit's still pending. A stack without a traffic service reads green ("no traffic service"); a silent
// monitor turns it unknown.
import { MonitorWatch } from '../../monitoring/monitor-watch';
import type { MigrationPlan, StackModel } from '../../plan/model';
import type { GateJudge, GateVerdict, JudgeMoment, ReadinessPart } from '../../seam/readiness-part';
import type { ServiceView } from './contract';
import type { Analysis } from './plan-schema';
import { watchedServices } from './watched-services';

const NO_SERVICE: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze(['no traffic service']), holdRemainingSeconds: null, applies: false });
const GREEN: GateVerdict = Object.freeze({ status: 'green', reasons: Object.freeze([]), holdRemainingSeconds: null });

class TrafficJudge implements GateJudge {
  /** Stacks with a service, and its thresholds. */
  private readonly stacks = new Map<string, Analysis>();
  private readonly views = new Map<string, ServiceView>();
  private readonly watch = new MonitorWatch(60_000, { monitor: 'the traffic monitor', data: 'traffic data' });

  constructor(plan: MigrationPlan) {
    for (const service of watchedServices(plan, () => undefined)) this.stacks.set(service.stackId, service.analysis);
  }

  observe(event: Parameters<GateJudge['observe']>[0], now: number): boolean {
    switch (event.type) {
      case 'traffic.services':
        this.views.clear();
        for (const view of event.services) this.views.set(view.stackId, view);
        return true;
      case 'traffic.monitor':
        this.watch.seen(event.monitor, now);
        return true;
      default:
        return false;
    }
  }

  silence(now: number): string | null {
    return this.stacks.size > 0 ? this.watch.problem(now) : null;
  }

  evaluate(stack: StackModel, moment: Readonly<JudgeMoment>, out: GateVerdict[]): void {
    const analysis = this.stacks.get(stack.id);
    if (!analysis) {
      out[0] = NO_SERVICE;
      return;
    }
    const view = this.views.get(stack.id);
    const unknown = moment.silence ?? (view ? null : 'the traffic monitor has not reported this stack yet');
    out[0] = unknown ? { status: 'unknown', reasons: [unknown], holdRemainingSeconds: null } : readyVerdict(view!, analysis);
  }
}

/** Why the service is not ready, in words; green when it is. */
export function readyVerdict(view: ServiceView, analysis: Pick<Analysis, 'minHealthyHosts' | 'maxUnhealthyHosts'>): GateVerdict {
  const red: string[] = [];
  const unknown: string[] = [];
  if (view.problem && view.weights === null && view.targets.aws === null) red.push(`${view.service}: ${view.problem}`);
  else if (view.problem) unknown.push(`${view.service}: ${view.problem}`);
  const aws = view.targets.aws;
  if (aws) {
    if (aws.healthy < analysis.minHealthyHosts)
      red.push(
        `${view.service}: ${aws.healthy} healthy AWS target${aws.healthy === 1 ? '' : 's'}, fewer than ${analysis.minHealthyHosts}${aws.other > 0 ? ` (${aws.other} registering or draining)` : ''}`,
      );
    if (aws.unhealthy > analysis.maxUnhealthyHosts)
      red.push(
        `${view.service}: ${aws.unhealthy} unhealthy AWS target${aws.unhealthy === 1 ? '' : 's'} (${aws.targets
          .filter((target) => target.state === 'unhealthy')
          .map((target) => `${target.id}: ${target.reason ?? 'no reason given'}`)
          .slice(0, 3)
          .join('; ')})`,
      );
  } else if (!view.problem) unknown.push(`${view.service}: the AWS target group's health is not read yet`);
  if (view.change?.status === 'PENDING')
    red.push(
      `${view.service}: Route 53 change ${view.change.id} is still PENDING${view.change.submittedAt ? ` (submitted ${view.change.submittedAt.slice(11, 19)} UTC)` : ''}`,
    );
  if (red.length > 0) return { status: 'red', reasons: [...red, ...unknown], holdRemainingSeconds: null };
  if (unknown.length > 0) return { status: 'unknown', reasons: unknown, holdRemainingSeconds: null };
  return GREEN;
}

export const trafficReadiness: ReadinessPart = {
  gates: [
    {
      id: 'traffic.ready',
      label: 'Traffic',
      help: "The stack's service: its load balancer and split deployed and readable, enough healthy AWS targets and none unhealthy beyond the service's limit, no Route 53 change still pending.",
    },
  ],
  createJudge: (plan) => new TrafficJudge(plan),
};
