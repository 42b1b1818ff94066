import { main } from "./main";

const write = (stream: NodeJS.WriteStream) => (data: string | Uint8Array) => void stream.write(data);
/** Resolves once stdout has room again (or has failed: a closed pipe ends the wait too). */
const writeWithBackpressure = (data: string | Uint8Array) =>
  new Promise<void>((resolve) => {
    if (process.stdout.write(data)) return resolve();
    const done = () => {
      process.stdout.off("drain", done).off("error", done).off("close", done);
      resolve();
    };
    process.stdout.on("drain", done).on("error", done).on("close", done);
  });
const io = { stdout: write(process.stdout), stderr: write(process.stderr), write: writeWithBackpressure, interactive: process.stdout.isTTY === true };
const code = await main(process.argv.slice(2), io).catch((error: unknown) => {
  process.stderr.write(`vendorscope: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
});
// Let stdout drain before exiting: large JSON output is written asynchronously to pipes.
process.stdout.write("", () => process.exit(code));
