import { main } from "./main";

const write = (stream: NodeJS.WriteStream) => (data: string | Uint8Array) => void stream.write(data);
const io = { stdout: write(process.stdout), stderr: write(process.stderr), interactive: process.stdout.isTTY === true };
const code = await main(process.argv.slice(2), io).catch((error: unknown) => {
  process.stderr.write(`vendorscope: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
});
// Let stdout drain before exiting: large JSON output is written asynchronously to pipes.
process.stdout.write("", () => process.exit(code));
