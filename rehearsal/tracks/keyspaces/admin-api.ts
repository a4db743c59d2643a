// The Keyspaces track's admin routes, under /_admin/keyspaces/: the estate at a glance, and the dual-write proxy
// stand-ins the stacks' Pulumi rehearsal programs register (PUT at deploy and update, DELETE at destroy), each with its
// state and its Prometheus metrics (what the cockpit's monitor scrapes, as it would the ZDM proxy's :14001/metrics).
import { parseAdminBody } from '../../kernel/admin-api';
import { errorReply, methodNotAllowed, type Reply } from '../../registry/http-io';
import type { TrackAdmin } from '../../seam/track-simulator';
import { ProxyId } from './fault-schema';
import { ProxyConfigSchema } from './proxies';
import { PROMETHEUS_CONTENT_TYPE, proxyMetricsText } from './proxy-metrics-text';
import { proxyView, type KeyspacesSimulation } from './simulation';

const ROUTES = ['estate', 'proxies', 'proxies/<id>', 'proxies/<id>/metrics'];

export function keyspacesAdmin(simulation: KeyspacesSimulation): TrackAdmin {
  return {
    async handle(method, route, body) {
      if (route === 'estate') return method === 'GET' ? { status: 200, json: simulation.estate() } : methodNotAllowed(method, ['GET']);
      if (route === 'proxies') {
        if (method !== 'GET') return methodNotAllowed(method, ['GET']);
        const now = simulation.now();
        return { status: 200, json: { items: simulation.proxies().map((proxy) => proxyView(proxy, now)) } };
      }
      const match = /^proxies\/([^/]+)(\/metrics)?$/.exec(route);
      if (!match) return undefined;
      const id = decodeURIComponent(match[1]!);
      if (!ProxyId.safeParse(id).success)
        return errorReply(400, 'bad-request', `'${id}' is not a proxy id: 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit`);
      return match[2] ? metrics(simulation, method, id) : proxyRoute(simulation, method, id, body);
    },
  };
}

async function proxyRoute(simulation: KeyspacesSimulation, method: string, id: string, body: () => Promise<unknown>): Promise<Reply> {
  switch (method) {
    case 'PUT': {
      // Body: { primaryCluster, readMode, originKeyspace, targetKeyspace, tables, writesPerSecond? }.
      const config = parseAdminBody(ProxyConfigSchema, await body());
      const { proxy, created, restarted } = simulation.putProxy(id, config);
      return { status: created ? 201 : 200, json: { ...proxyView(proxy, simulation.now()), restarted } };
    }
    case 'GET': {
      const proxy = simulation.proxy(id);
      return proxy ? { status: 200, json: proxyView(proxy, simulation.now()) } : notFound(simulation, id);
    }
    case 'DELETE':
      return simulation.deleteProxy(id) ? { status: 204 } : notFound(simulation, id);
    default:
      return methodNotAllowed(method, ['PUT', 'GET', 'DELETE']);
  }
}

function metrics(simulation: KeyspacesSimulation, method: string, id: string): Reply {
  if (method !== 'GET') return methodNotAllowed(method, ['GET']);
  const proxy = simulation.proxy(id);
  if (!proxy) return notFound(simulation, id);
  return { status: 200, text: proxyMetricsText(proxy, simulation.now()), headers: { 'content-type': PROMETHEUS_CONTENT_TYPE } };
}

function notFound(simulation: KeyspacesSimulation, id: string): Reply {
  const known = simulation.proxies().map((proxy) => proxy.id);
  return errorReply(
    404,
    'not-found',
    `no dual-write proxy '${id}' (registered: ${known.join(', ') || 'none'}); register it with PUT /_admin/keyspaces/proxies/${id}; routes: ${ROUTES.map((route) => `/_admin/keyspaces/${route}`).join(', ')}`,
  );
}
