// The DMS track's admin routes, under /_admin/dms/ and, as before the seam, at /_admin/tasks and /_admin/writers:
// the estate at a glance, and the source's writers blocked or let go (a cutover's freeze).
import { z } from 'zod';
import { parseAdminBody } from '../../kernel/admin-api';
import { methodNotAllowed } from '../../registry/http-io';
import type { TrackAdmin } from '../../seam/track-simulator';
import type { DmsSimulation } from './simulation';

const WritersSchema = z.strictObject({ blocked: z.boolean(), tasks: z.array(z.string().min(1)).max(10_000).optional() });

export function dmsAdmin(simulation: DmsSimulation): TrackAdmin {
  return {
    aliases: ['tasks', 'writers'],
    async handle(method, route, body) {
      switch (route) {
        case 'tasks':
          return method === 'GET' ? { status: 200, json: { items: taskSummaries(simulation) } } : methodNotAllowed(method, ['GET']);
        case 'writers': {
          // Body: { blocked: true, tasks?: [id or ARN, ...] } — the source's writers stop (or resume) for those tasks.
          if (method !== 'POST') return methodNotAllowed(method, ['POST']);
          const { blocked, tasks } = parseAdminBody(WritersSchema, await body());
          const changed = simulation.setWritersBlocked(blocked, tasks);
          return { status: 200, json: { blocked, tasks: changed.map((task) => task.identity.id) } };
        }
        default:
          return undefined;
      }
    },
  };
}

function taskSummaries(simulation: DmsSimulation) {
  return simulation.tasks().map((task) => ({
    id: task.identity.id,
    arn: task.identity.arn,
    metricTaskIdentifier: task.identity.resourceId,
    instance: task.identity.instanceId,
    status: task.status,
    ...(task.stopReason ? { stopReason: task.stopReason } : {}),
    fullLoadProgressPercent: task.fullLoadProgressPercent,
    cdcLatencyTargetSeconds: Math.round(task.latencyTarget * 10) / 10,
    backlog: Math.round(task.backlog),
  }));
}
