import { main } from "./main";

const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
const code = await main(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr) }).catch((error: unknown) => {
  process.stderr.write(`vendorscope: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
});
// Let stdout drain before exiting: large JSON output is written asynchronously to pipes.
process.stdout.write("", () => process.exit(code));
