// The engine's public surface: what the worker, the command line and the tests import.
export * from './types';
export type * from './trace';
export { parseDuration, formatDuration, DurationError } from './duration';
export { toEpochMs, formatTime, formatClock } from './event-time';
export { parseQuery, QueryError } from './query-parse';
export { SparkAnalysisError } from './spark-refusals';
export { SparkEngine, type SparkBatchOutput, type SparkOptions, type SparkSnapshot } from './spark';
export {
  parseScenario,
  runScenario,
  ScenarioError,
  type Scenario,
  type ScenarioResult,
} from './scenario';
export { compareResult, diffRows, rowsEqual, valuesEqual } from './compare';
export { outputColumns } from './output-columns';
export { FlinkEngine, FlinkRuntimeError, type FlinkOptions, type FlinkRecordOutput } from './flink';
export { FlinkParameterError } from './flink-refusals';
export type { FlinkSnapshot } from './flink-snapshot';
export { SparkJoinEngine, type JoinBatchOutput } from './spark-join';
export type { JoinSnapshot } from './spark-join-snapshot';
export type * from './join-types';
export type * from './state-types';
export type * from './state-trace';
export {
  SparkStateEngine,
  DEFAULT_TRIGGER_MS,
  type SparkStateBatchOutput,
  type SparkStateOptions,
  type SparkStateSnapshot,
} from './spark-state';
export { StateFunctionError } from './spark-state-phase';
export { MemoStateRunner, StateCallsNeeded, canonicalJson, normalizeRows } from './state-runner';
export { createGroupState, groupStateSource, type GroupStateInit } from './group-state';
export type { CustomRunnerFactory } from './scenario-state';
