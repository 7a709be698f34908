import { formatPercent } from "../src/index.js";

console.log(formatPercent("0.9"));
