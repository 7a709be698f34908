export * from "./engine/index.js";
export * from "./helpers/index.js";
