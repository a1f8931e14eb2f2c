// Collects a batch's trace while the stores run; a driver without tracing passes null instead,
// so the hot path pays one null check per event.
import type {
  EventFate,
  GroupRef,
  LateDrop,
  SparkRun,
  WindowChange,
  WindowChangeKind,
} from './trace';
import type { Row } from './types';

export class TraceRecorder {
  readonly events: EventFate[] = [];
  readonly windows: WindowChange[] = [];
  run: SparkRun['kind'] = 'data';

  fate(index: number, fate: EventFate): void {
    this.events[index] = fate;
  }

  /** Records that event `index` went into `group` (or, with `late`, was refused by it). */
  counted(index: number, eventTime: number | null, group: GroupRef): void {
    const fate = this.events[index];
    if (fate === undefined) {
      this.events[index] = { kind: 'counted', eventTime, groups: [group], late: [] };
    } else if (fate.kind === 'counted') {
      fate.groups.push(group);
    } else if (fate.kind === 'late') {
      this.events[index] = { kind: 'counted', eventTime, groups: [group], late: fate.late };
    }
  }

  late(index: number, eventTime: number, drop: LateDrop): void {
    const fate = this.events[index];
    if (fate === undefined) this.events[index] = { kind: 'late', eventTime, late: [drop] };
    else if (fate.kind === 'counted' || fate.kind === 'late') fate.late.push(drop);
  }

  /** Re-points every event counted in one of `from` to `to` (sessions that merged). */
  regroup(indices: readonly number[], to: GroupRef): void {
    for (const i of indices) {
      const fate = this.events[i];
      if (fate?.kind === 'counted') fate.groups.splice(0, fate.groups.length, to);
    }
  }

  window(
    kind: WindowChangeKind,
    group: GroupRef,
    value: Row,
    mergedFrom?: readonly GroupRef[],
  ): void {
    const change: WindowChange =
      mergedFrom === undefined
        ? { kind, group, value, run: this.run }
        : { kind, group, value, run: this.run, mergedFrom };
    this.windows.push(change);
  }
}
