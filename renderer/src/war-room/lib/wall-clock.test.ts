import { describe, expect, it } from 'vitest';
import { connectionProblem } from './connection';
import { wallClock } from './wall-clock';

const T = Date.parse('2026-12-05T01:02:03Z');

describe('wallClock', () => {
  it('says UTC and the local time with its zone', () => {
    expect(wallClock(T, 'Europe/Berlin')).toEqual({
      utcTime: '01:02:03',
      utcDate: 'Sat, 05 Dec 2026',
      localTime: '02:02:03',
      localZone: 'CET',
      localDate: 'Sat, 05 Dec 2026',
      localIsUtc: false,
    });
  });

  it('drops the local clock on a screen that runs on UTC', () => {
    expect(wallClock(T, 'UTC').localIsUtc).toBe(true);
    expect(wallClock(T, 'America/New_York')).toMatchObject({ localTime: '20:02:03', localDate: 'Fri, 04 Dec 2026', localIsUtc: false });
  });
});

describe('connectionProblem', () => {
  it('says nothing while connected, and the time of the last data once disconnected', () => {
    expect(connectionProblem('connected', T)).toBeNull();
    expect(connectionProblem('reconnecting', T)).toBe(
      'Disconnected from the cockpit core: what is shown is old, last data at 05 Dec 2026, 01:02:03 UTC. Reconnecting…',
    );
    expect(connectionProblem('connecting', null)).toBe('Connecting to the cockpit core: no data has arrived yet');
  });
});
