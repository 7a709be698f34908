// cohortQuery executed by DuckDB (@duckdb/node-api) on generated and boundary logs.

import { engineSuite } from "./_engineSuite.js";
import { duckdbEngine } from "./_engines.js";

engineSuite("DuckDB", duckdbEngine);
