/** The package's version, read from package.json when the command is built. */
import pkg from "../../package.json" with { type: "json" };

/** The version `customer-metrics --version` prints. */
export const VERSION: string = pkg.version;
