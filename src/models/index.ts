export * from "./discrete/index.js";
export * from "./purchase/index.js";
