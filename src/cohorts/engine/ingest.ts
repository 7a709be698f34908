/**
 * Reading event fields (the entry point other event-log modules import): options, customer
 * ids, instants and revenue. The code lives in ./read/.
 */

export { parseMinorString, RevenueReader } from "../../_lib/minor.js";
export { hashId, idHash, packed } from "./read/ids.js";
export { readInstant } from "./read/instants.js";
export { type Resolved, resolveOptions } from "./read/options.js";
