// What the code generator takes (a validated query and a few events to read column types from)
// and what it gives back: one program per target, or the reason there is none, plus notes.
import type { Event, Query } from '../engine/types';

export interface CodeInput {
  /** The scenario's name, written in each program's header comment. */
  readonly name: string;
  /** The engine's parseQuery output; `semantics` says which engine the page ran. */
  readonly query: Query;
  /** Spark's trigger interval in ms (`triggerInterval` of a run), or null for none. */
  readonly triggerMs?: number | null;
  /** A few input events: column types (and ISO vs epoch-ms times) are read from them. */
  readonly sample?: readonly Event[];
}

export type TargetId = 'pyspark' | 'flink' | 'feldera';

export interface Program {
  readonly id: TargetId;
  readonly label: string;
  readonly language: 'python' | 'sql';
  /** A file name to save it as. */
  readonly fileName: string;
  /** The program, or null when the target cannot run this query (then `reason` says why). */
  readonly code: string | null;
  readonly reason: string | null;
}

/** How to put the exported events on a Kafka topic. */
export interface KafkaHint {
  readonly topic: string;
  /** The field suggested as the message key (the first grouping field), or null. */
  readonly keyField: string | null;
  /** The file the keyed export is saved as: one `KEY<TAB>JSON` line per event. */
  readonly fileName: string;
  readonly commands: readonly string[];
}

export interface CodeBundle {
  readonly programs: readonly Program[];
  /** What differs between the programs and the engine on this page, one sentence each. */
  readonly notes: readonly string[];
  readonly kafka: KafkaHint;
}
