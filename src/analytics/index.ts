export { activeUsers } from "./activeUsers.js";
export { lifecycle } from "./lifecycle.js";
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
