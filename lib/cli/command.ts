import { parseArgs, type ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Command {
  name: string;
  /** The full `--help` text (the one-line summary is in commands.ts). */
  help: string;
  options: OptionSpec;
  /** Names of the positional arguments, for messages; the first `required` are required. */
  positionals: { names: string[]; required: number };
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  /** Text, or the bytes of a binary file (a PDF written with '--out -'). */
  stdout: (data: string | Uint8Array) => void;
  stderr: (text: string) => void;
  /** Writes to stdout, resolving when it can take more (backpressure, for large output). */
  write?: (data: string | Uint8Array) => Promise<void>;
  /** stdout is a terminal: progress may redraw one line instead of printing many. */
  interactive?: boolean;
}

/** Bad usage: printed as one line and exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function parseCommandLine(command: Command, argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(firstLine((error as Error).message));
  }
  const { values, positionals } = parsed;
  if (!values.help) {
    const { names, required } = command.positionals;
    if (positionals.length < required) throw new UsageError(`missing ${names[positionals.length]}`);
    if (positionals.length > names.length) throw new UsageError(`unexpected argument '${positionals[names.length]}'`);
  }
  return { values: values as Record<string, string | boolean | undefined>, positionals, help: values.help === true };
}

/** A positive integer option, or a UsageError naming the option. */
export function positiveInteger(value: string | boolean | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option}: "${String(value)}" is not a positive whole number`);
  return n;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "");
}
