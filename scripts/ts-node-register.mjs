// Registers ts-node's ES module hooks with module.register (Node 20.6+), the stable
// replacement for the experimental --loader flag: `node --import ./scripts/ts-node-register.mjs
// examples/quickstart.ts` runs a TypeScript file with type checking and no warning.
// ts-node 10 needs TypeScript 6.0 or older (TypeScript 7 has no JavaScript compiler API).
import { register } from "node:module";
import { pathToFileURL } from "node:url";

register("ts-node/esm", pathToFileURL("./"));
