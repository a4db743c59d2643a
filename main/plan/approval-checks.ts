// Four-eyes approvals in a plan (a cutover's start, a runbook step): they need a team (a cockpit alone has no one
// to approve), and a team that lists its people must list enough approvers to give them.
import type { Report } from './located-report';
import type { PlanParts } from './plan-parts';

export function checkApprovals(plan: PlanParts, error: Report): void {
  if (plan.team === 'invalid') return;
  const team = plan.team;
  const approvers = team?.people.filter((person) => person.roles.includes('approver')).map((person) => person.user) ?? [];
  const check = (path: (string | number)[], needed: number) => {
    if (!team) {
      error(
        path,
        `${needed} approval${needed === 1 ? '' : 's'} need a team: add a team section with its store and people (a cockpit alone has no one to approve)`,
      );
    } else if (team.people.length > 0 && approvers.length < needed) {
      error(
        path,
        `${needed} approvals need ${needed} approvers, and the team lists ${approvers.length === 0 ? 'none' : `${approvers.length} (${approvers.join(', ')})`}: give more people the approver role, or ask for fewer approvals`,
      );
    }
  };
  plan.waves.forEach((wave, index) => {
    const cutover = wave?.cutover;
    if (!cutover) return;
    if (cutover.approvals !== undefined) check(['waves', index, 'cutover', 'approvals'], cutover.approvals);
    cutover.runbook.forEach((step, stepIndex) => {
      if (step.approvals !== undefined) check(['waves', index, 'cutover', 'runbook', stepIndex, 'approvals'], step.approvals);
    });
  });
}
