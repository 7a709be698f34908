export { activeUsers } from "./activeUsers.js";
export { activeUsersAsync } from "./activeUsersAsync.js";
export { lifecycle } from "./lifecycle.js";
export { lifecycleAsync } from "./lifecycleAsync.js";
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
