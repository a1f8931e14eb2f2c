// The generator's public surface: what the worker, the command line and the tests import.
export {
  generateClickstream,
  generateFromSettings,
  prepareClickstream,
  twoInputs,
  type TwoInputs,
} from './clickstream';
export { GeneratedClickstream } from './generated-clickstream';
export { joinInputs, JOIN_INPUTS, type ClickInput, type ImpressionInput } from './join-inputs';
export { maxEventRate } from './session-shape';
export {
  normaliseGeneratorSettings,
  GeneratorSettingsError,
  type NormaliseResult,
  type SettingsIssue,
} from './normalise-settings';
export * from './settings';
export {
  EVENT_TYPES,
  type AddToCartEvent,
  type AdFields,
  type BaseFields,
  type ClickEvent,
  type EventType,
  type GeneratedEvent,
  type ImpressionEvent,
  type PageViewEvent,
  type ProductFields,
  type ProductViewEvent,
  type PurchaseEvent,
} from './schema';
export { Prng, seedToUint32, splitmix32 } from './prng';
export { WeightedSampler, zipfSampler, pickWeighted } from './sampler';
export { IsoFormatter } from './iso-time';
export {
  benchmarkGenerator,
  GENERATOR_TARGET_EVENTS_PER_SEC,
  type GeneratorBenchmark,
  type GeneratorBenchmarkOptions,
} from './benchmark';
export { ADS, PRODUCTS, PAGES, DEVICE_PROFILES, LOCATIONS, type DeviceType } from './catalog';
