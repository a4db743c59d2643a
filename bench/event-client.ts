// The UI end of the event-pipeline benchmark, in its own process as a renderer would be: a WebSocket client of
// the web bridge (bearer token) that parses every batch and counts its log lines. Started by
// bench/event-pipeline.ts over IPC: it reports `ready` once connected, and `done` once it has received the
// number of log lines the parent says to expect.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { EventBatch } from '../main/api/contract';

export type ClientMessage =
  | { type: 'ready' }
  | {
      type: 'done';
      lines: number;
      events: number;
      batches: number;
      bytes: number;
      maxBatchEvents: number;
      sequenceGaps: number;
      /** [sequence, epoch ms when parsed] per batch. */
      received: [number, number][];
      firstAt: number;
      lastAt: number;
      parseMs: number;
      maxRssBytes: number;
    }
  | { type: 'closed'; code: number; reason: string };

export type ParentMessage = { type: 'expect'; lines: number } | { type: 'exit' };

const now = () => performance.timeOrigin + performance.now();
const send = (message: ClientMessage) => {
  if (process.connected) process.send?.(message);
};

const url = process.env.BENCH_WS_URL;
const token = process.env.BENCH_WS_TOKEN;
if (!url || !token || !process.send) {
  process.stderr.write('event-client: run by bench/event-pipeline.ts (needs BENCH_WS_URL, BENCH_WS_TOKEN and an IPC channel)\n');
  process.exit(2);
}

let lines = 0;
let events = 0;
let batches = 0;
let bytes = 0;
let maxBatchEvents = 0;
let lastSequence = 0;
let sequenceGaps = 0;
let parseMs = 0;
let firstAt = 0;
let lastAt = 0;
let expected: number | undefined;
let reported = false;
const received: [number, number][] = [];

const reportIfDone = () => {
  if (reported || expected === undefined || lines < expected) return;
  reported = true;
  send({
    type: 'done',
    lines,
    events,
    batches,
    bytes,
    maxBatchEvents,
    sequenceGaps,
    received,
    firstAt,
    lastAt,
    parseMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  });
};

const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
socket.on('open', () => send({ type: 'ready' }));
socket.on('message', (data: Buffer) => {
  const start = now();
  const batch = JSON.parse(data.toString('utf8')) as EventBatch;
  for (const event of batch.events) if (event.type === 'operation.log') lines++;
  const at = now();
  parseMs += at - start;
  if (batches === 0) firstAt = at;
  lastAt = at;
  batches++;
  bytes += data.length;
  events += batch.events.length;
  maxBatchEvents = Math.max(maxBatchEvents, batch.events.length);
  if (lastSequence !== 0 && batch.sequence !== lastSequence + 1) sequenceGaps++;
  lastSequence = batch.sequence;
  received.push([batch.sequence, at]);
  reportIfDone();
});
socket.on('close', (code, reason) => send({ type: 'closed', code, reason: reason.toString() }));
socket.on('error', (error) => process.stderr.write(`event-client: ${error.message}\n`));
process.once('disconnect', () => {
  socket.terminate();
  process.exit(0);
});
process.on('message', (message: ParentMessage) => {
  if (message.type === 'expect') {
    expected = message.lines;
    reportIfDone();
  } else {
    process.disconnect();
  }
});
