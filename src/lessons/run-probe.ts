// A probe on a scenario as written (JSON): parse, run to the step, read the value. Never throws:
// a refused query or a probe that does not fit is an error in words.
import { parseScenario } from '../engine/scenario';
import { evaluateProbe, stepOutput, type Probed } from './probe';
import type { Probe } from './types';

export function probeScenario(json: unknown, probe: Probe, show: number): Probed {
  try {
    return evaluateProbe(probe, stepOutput(parseScenario(json), show));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
