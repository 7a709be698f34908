// The `customer-metrics` command line.
process.stdout.write("customer-metrics\n");
