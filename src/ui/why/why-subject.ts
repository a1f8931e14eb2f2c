// What the learner asked "why?" about: an event of the current step (with its fate from the
// step's trace) or a window of the timeline; null when nothing is selected.
import type { EventFate } from '../../engine/trace';
import type { TimelineWindow } from '../../worker/timeline';

export type WhySubject =
  | {
      readonly kind: 'event';
      readonly fate: EventFate;
      /** The event in one line, as the arrivals list shows it: "12:05:00 · user1 · click". */
      readonly eventLabel: string;
    }
  | { readonly kind: 'window'; readonly window: TimelineWindow }
  /** Already in words (a join row, explained from the join trace in ui/join/join-why.ts). */
  | {
      readonly kind: 'text';
      readonly headline: string;
      readonly about: string;
      readonly lines: readonly string[];
    }
  | null;
