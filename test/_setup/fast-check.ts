// Property tests draw a fresh random seed on every run. A failing property reports its
// `seed` and `path` in the error (fc.assert does); to replay a whole run, set FC_SEED:
//   FC_SEED=-1642273869 npx vitest run test/models/discrete
// and to replay one property, pass `{ seed, path }` to its fc.assert.
import fc from "fast-check";

const fromEnv = process.env.FC_SEED;
if (fromEnv !== undefined && fromEnv !== "") {
  const seed = Number(fromEnv);
  if (!Number.isSafeInteger(seed))
    throw new Error(`FC_SEED must be an integer (received ${fromEnv})`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
