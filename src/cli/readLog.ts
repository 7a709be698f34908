/**
 * The read step every command shares: the CSV event log of `file` with the column and time
 * flags, a progress line on a terminal, and the line naming the columns detected from the
 * header (said once the file is read, so that bad input stays one line on stderr).
 */
import { type EventBatch, type ReadSummary, readEventCsv } from "./csv.js";
import type { CliIo } from "./io.js";
import { type InputArgs, mappingFlags, type ParsedArgs } from "./options.js";
import { createProgress } from "./progress.js";
import { columnsMessage } from "./say.js";

/** Reads the log of `input.file`, batch by batch, and says which columns were detected. */
export async function readLog(
  input: InputArgs,
  args: ParsedArgs,
  io: CliIo,
  onBatch: (batch: EventBatch) => void,
): Promise<ReadSummary> {
  const { file, quiet } = input;
  const progress = createProgress(io, file, quiet);
  let info: string | null = null;
  let summary: ReadSummary;
  try {
    summary = await readEventCsv({
      file,
      mapping: mappingFlags(args),
      timeZone: input.timeZone,
      timeFormat: input.timeFormat,
      onColumns(picked, detected) {
        if (!quiet && detected.length > 0) info = columnsMessage(file, picked, detected);
      },
      onBatch,
      onProgress: progress.update,
    });
  } finally {
    progress.done();
  }
  if (info !== null) io.stderr.write(info);
  return summary;
}
