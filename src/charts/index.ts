/**
 * @packageDocumentation
 * `customer-metrics/charts`.
 */
export {};
