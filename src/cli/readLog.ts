/**
 * The read step every command shares: the CSV event log of `file` with the column and time
 * flags, a progress line on a terminal, and the line naming the columns detected from the
 * header (said once the file is read, so that bad input stays one line on stderr).
 */
import { type EventBatch, type ReadSummary, readEventCsv, type TimeFormat } from "./csv.js";
import type { CliIo } from "./io.js";
import { mappingFlags, type ParsedArgs } from "./options.js";
import { createProgress } from "./progress.js";
import { columnsMessage } from "./say.js";

/** What a command passes to {@link readLog}. */
export interface ReadLogOptions {
  readonly file: string;
  readonly args: ParsedArgs;
  readonly io: CliIo;
  readonly quiet: boolean;
  readonly timeZone: string;
  readonly timeFormat: TimeFormat;
  /** Called for every batch of events. */
  readonly onBatch: (batch: EventBatch) => void;
}

/** Reads the log of `file`, batch by batch, and says which columns were detected. */
export async function readLog(options: ReadLogOptions): Promise<ReadSummary> {
  const { file, args, io, quiet } = options;
  const progress = createProgress(io, file, quiet);
  let info: string | null = null;
  let summary: ReadSummary;
  try {
    summary = await readEventCsv({
      file,
      mapping: mappingFlags(args),
      timeZone: options.timeZone,
      timeFormat: options.timeFormat,
      onColumns(picked, detected) {
        if (!quiet && detected.length > 0) info = columnsMessage(file, picked, detected);
      },
      onBatch: options.onBatch,
      onProgress: progress.update,
    });
  } finally {
    progress.done();
  }
  if (info !== null) io.stderr.write(info);
  return summary;
}
