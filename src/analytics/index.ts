export { activeUsers } from "./activeUsers.js";
export { activeUsersAsync } from "./activeUsersAsync.js";
export { lifecycle } from "./lifecycle.js";
export { lifecycleAsync } from "./lifecycleAsync.js";
export { orderMetrics } from "./orderMetrics.js";
export { orderMetricsAsync } from "./orderMetricsAsync.js";
export type {
  OrderFigures,
  OrderMetricsOptions,
  OrderMetricsPeriod,
  OrderMetricsResult,
} from "./orderMetricsTypes.js";
export type {
  ActiveUsersDay,
  ActiveUsersOptions,
  ActiveUsersResult,
  EventAnalyticsOptions,
  LifecycleOptions,
  LifecyclePeriod,
  LifecycleResult,
  StickinessPeriod,
} from "./types.js";
