// The DMS track's admin routes at /_admin/dms/…, and at /_admin/tasks and /_admin/writers as before the seam.
import { describe, expect, it } from 'vitest';
import { useRehearsal } from '../../test-support';

describe('DMS admin routes', () => {
  const start = useRehearsal();

  it('serves tasks and writers under /_admin/dms/ and at their old paths alike', async () => {
    const { aws, advance } = await start({ name: 'admin', tasks: [{ id: 'orders', autoStart: true, tables: { count: 2, maxRows: 1_000 } }] });
    advance(60);
    const get = async (path: string) => (await fetch(`${aws.url}/_admin/${path}`)).json();
    const tasks = (await get('dms/tasks')) as { items: Array<{ id: string; status: string }> };
    expect(tasks.items).toMatchObject([{ id: 'orders', status: 'running' }]);
    expect(await get('tasks')).toEqual(tasks);

    const block = (path: string, blocked: boolean) =>
      fetch(`${aws.url}/_admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ blocked }) });
    expect(await (await block('dms/writers', true)).json()).toEqual({ blocked: true, tasks: ['orders'] });
    expect(aws.simulation.task('orders')!.writersBlocked).toBe(true);
    expect(await (await block('writers', false)).json()).toEqual({ blocked: false, tasks: ['orders'] });
    expect(aws.simulation.task('orders')!.writersBlocked).toBe(false);

    expect((await fetch(`${aws.url}/_admin/dms/tasks`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${aws.url}/_admin/dms/nothing`)).status).toBe(404);
    expect((await fetch(`${aws.url}/_admin/dms`)).status).toBe(404);
  });
});
