// The instance API, /api/v1/instances: what the cockpit's register (lookup, then create) and deregister call.
import type { IncomingMessage } from 'node:http';
import { errorReply, HttpError, methodNotAllowed, readJsonBody, type Reply } from './http-io';
import { parseInstanceBody, parsePatchBody, type Invalid } from './instance-input';
import type { RegistryStore, StoreResult } from './store';

const COLLECTION = '/api/v1/instances';
const ITEM = /^\/api\/v1\/instances\/([^/]+)$/;

/** Answers one authenticated API request. `method` is the request's, with HEAD already mapped to GET. */
export async function handleInstancesApi(method: string, url: URL, request: IncomingMessage, store: RegistryStore): Promise<Reply> {
  try {
    if (url.pathname === COLLECTION) {
      if (method === 'GET') return list(url, store);
      if (method === 'POST') return create(await readJsonBody(request), store);
      return methodNotAllowed(method, ['GET', 'POST']);
    }
    const item = ITEM.exec(url.pathname);
    if (item) {
      const id = decodeSegment(item[1]!);
      if (method === 'GET') return read(id, store);
      if (method === 'PUT') return replace(id, await readJsonBody(request), store);
      if (method === 'PATCH') return patch(id, await readJsonBody(request), store);
      if (method === 'DELETE') return remove(id, store);
      return methodNotAllowed(method, ['GET', 'PUT', 'PATCH', 'DELETE']);
    }
    return errorReply(404, 'not-found', `no API endpoint ${url.pathname}`);
  } catch (error) {
    if (error instanceof HttpError) return error.toReply();
    throw error;
  }
}

/** Exact-match filters; a filter given empty matches nothing, since no record has an empty name or project. */
function list(url: URL, store: RegistryStore): Reply {
  const name = url.searchParams.get('name');
  const project = url.searchParams.get('project');
  const items = store.list({ ...(name !== null ? { name } : {}), ...(project !== null ? { project } : {}) });
  return { status: 200, json: { items, total: items.length } };
}

function create(body: unknown, store: RegistryStore): Reply {
  const input = parseInstanceBody(body);
  if (!input.ok) return badRequest(input);
  return answer(store.create(input.value), 201, store);
}

function read(id: string, store: RegistryStore): Reply {
  const instance = store.get(id);
  return instance ? { status: 200, json: instance } : notFound(id);
}

function replace(id: string, body: unknown, store: RegistryStore): Reply {
  // Unknown id wins over a bad body: the client's first problem is the address.
  if (!store.get(id)) return notFound(id);
  const input = parseInstanceBody(body);
  if (!input.ok) return badRequest(input);
  return answer(store.replace(id, input.value), 200, store, id);
}

function patch(id: string, body: unknown, store: RegistryStore): Reply {
  if (!store.get(id)) return notFound(id);
  const input = parsePatchBody(body);
  if (!input.ok) return badRequest(input);
  return answer(store.patch(id, input.value), 200, store, id);
}

function remove(id: string, store: RegistryStore): Reply {
  return store.remove(id) ? { status: 204 } : notFound(id);
}

function answer(result: StoreResult, status: number, store: RegistryStore, id = ''): Reply {
  if (result.ok) return { status, json: result.instance };
  if (result.reason === 'not-found') return notFound(id);
  const holder = store.get(result.existingId);
  const what = holder ? `'${holder.name}' in project '${holder.project}'` : 'that name in that project';
  return errorReply(409, 'conflict', `${what} is already registered as ${result.existingId}`, { existingId: result.existingId });
}

function badRequest(invalid: Invalid): Reply {
  return errorReply(400, 'bad-request', invalid.message, { field: invalid.field });
}

function notFound(id: string): Reply {
  return errorReply(404, 'not-found', `no instance with id '${id}'`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
