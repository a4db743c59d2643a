// Where SeriesStore keeps its points: every task's series in a few large typed arrays (blocks of task slots) instead
// of four small arrays per series. At 6,000 tasks that was 144,000 typed arrays, each with its ArrayBuffer, backing
// store and V8 objects: about 40 MiB beyond the points themselves, 300,000 objects for every full garbage collection
// to mark, and a fifth of a second to allocate when a plan loads. A slot freed by a task is reused by the next one; a
// block whose slots are all free is dropped, so its memory goes back.
import type { MinMaxRegion, RingRegion } from './ring-buffer';

/** Elements a task takes: `recent` in the raw-point arrays, `day` in the min/max arrays. */
export interface SlotLayout {
  readonly recent: number;
  readonly day: number;
}

export interface SlabBlock {
  readonly times: Float64Array;
  readonly values: Float32Array;
  readonly mins: Float32Array;
  readonly maxes: Float32Array;
  /** Indexes of the block's free slots. */
  readonly free: number[];
  readonly size: number;
}

/** A task's slot: regions of its block's arrays, handed to its rings (offsets within the slot added by the caller). */
export interface Slot {
  readonly block: SlabBlock;
  readonly index: number;
}

/** The fewest slots a block is made with (a followed reverse task comes alone). */
const MIN_BLOCK = 8;

export class SeriesSlab {
  private readonly blocks: SlabBlock[] = [];

  constructor(private readonly layout: SlotLayout) {}

  /** Makes sure `count` more slots can be taken without allocating (one block for all that are missing). */
  reserve(count: number): void {
    const free = this.blocks.reduce((n, block) => n + block.free.length, 0);
    if (free >= count) return;
    const size = Math.max(count - free, MIN_BLOCK);
    const { recent, day } = this.layout;
    this.blocks.push({
      times: new Float64Array(size * recent),
      values: new Float32Array(size * recent),
      mins: new Float32Array(size * day),
      maxes: new Float32Array(size * day),
      // Taken from the end: slots are handed out in order.
      free: Array.from({ length: size }, (_, i) => size - 1 - i),
      size,
    });
  }

  take(): Slot {
    let block = this.blocks.find((candidate) => candidate.free.length > 0);
    if (!block) {
      this.reserve(1);
      block = this.blocks.at(-1)!;
    }
    return { block, index: block.free.pop()! };
  }

  give(slot: Slot): void {
    const { block } = slot;
    block.free.push(slot.index);
    if (block.free.length === block.size) this.blocks.splice(this.blocks.indexOf(block), 1);
  }

  /** A raw-point region of the slot, `offset` elements into it. */
  ring(slot: Slot, offset: number): RingRegion {
    return { times: slot.block.times, values: slot.block.values, offset: slot.index * this.layout.recent + offset };
  }

  /** A min/max region of the slot, `offset` elements into it. */
  minMax(slot: Slot, offset: number): MinMaxRegion {
    return { mins: slot.block.mins, maxes: slot.block.maxes, offset: slot.index * this.layout.day + offset };
  }
}
