// cohortQuery executed by PostgreSQL (PGlite: PostgreSQL compiled to WebAssembly) on generated
// and boundary logs.

import { engineSuite } from "./_engineSuite.js";
import { postgresEngine } from "./_engines.js";

engineSuite("PostgreSQL", postgresEngine);
