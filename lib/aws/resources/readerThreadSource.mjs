// The resource reader thread run from its TypeScript source (tests, benchmarks, the CLI when it
// cannot be bundled): a worker thread does not inherit its parent's loader, so it registers tsx.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)) });
await import("./readerThread.ts");
