// Where SeriesStore keeps its points: every task's series in a few large typed arrays (blocks of task slots), their
// positions included, instead of four small arrays and two ring objects per series. At 6,000 tasks that was 144,000
// typed arrays, each with its ArrayBuffer, backing store and V8 objects, and 72,000 rings: about 50 MiB beyond the
// points themselves, 400,000 objects for every full garbage collection to mark, and a fifth of a second to allocate
// when a plan loads. A slot freed by a task is reused by the next one; a block whose slots are all free is dropped,
// so its memory goes back.

/** What a task's slot holds: per series, `recent` raw points and `day` min/max slots; `series` series in all. */
export interface SlotLayout {
  /** Raw points of all its series together. */
  readonly recent: number;
  /** Min/max slots of all its series together. */
  readonly day: number;
  readonly series: number;
}

export interface SlabBlock {
  readonly times: Float64Array;
  readonly values: Float32Array;
  readonly mins: Float32Array;
  readonly maxes: Float32Array;
  /** Per series of each slot: its raw points' next write position and number (RingBuffer). */
  readonly positions: Int32Array;
  /** Per series of each slot: its newest min/max slot, -1 while empty (MinMaxRing). */
  readonly headSlots: Float64Array;
  /** Indexes of the block's free slots. */
  readonly free: number[];
  readonly size: number;
}

/** A task's slot: its index in its block. */
export interface Slot {
  readonly block: SlabBlock;
  readonly index: number;
}

/** The fewest slots a block is made with (a followed reverse task comes alone). */
const MIN_BLOCK = 8;

export class SeriesSlab {
  private readonly blocks: SlabBlock[] = [];

  constructor(readonly layout: SlotLayout) {}

  /** Makes sure `count` more slots can be taken without allocating (one block for all that are missing). */
  reserve(count: number): void {
    const free = this.blocks.reduce((n, block) => n + block.free.length, 0);
    if (free >= count) return;
    const size = Math.max(count - free, MIN_BLOCK);
    const { recent, day, series } = this.layout;
    this.blocks.push({
      times: new Float64Array(size * recent),
      values: new Float32Array(size * recent),
      mins: new Float32Array(size * day),
      maxes: new Float32Array(size * day),
      positions: new Int32Array(size * series * 2),
      headSlots: new Float64Array(size * series),
      // Taken from the end: slots are handed out in order.
      free: Array.from({ length: size }, (_, i) => size - 1 - i),
      size,
    });
  }

  /** A slot whose series are all empty. */
  take(): Slot {
    let block = this.blocks.find((candidate) => candidate.free.length > 0);
    if (!block) {
      this.reserve(1);
      block = this.blocks.at(-1)!;
    }
    const slot = { block, index: block.free.pop()! };
    this.empty(slot);
    return slot;
  }

  give(slot: Slot): void {
    const { block } = slot;
    block.free.push(slot.index);
    if (block.free.length === block.size) this.blocks.splice(this.blocks.indexOf(block), 1);
  }

  /** Empties every series of the slot (their points are not read again, and are overwritten as new ones come). */
  empty(slot: Slot): void {
    const { series } = this.layout;
    slot.block.positions.fill(0, slot.index * series * 2, (slot.index + 1) * series * 2);
    slot.block.headSlots.fill(-1, slot.index * series, (slot.index + 1) * series);
  }
}
