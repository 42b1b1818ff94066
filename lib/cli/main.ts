import { parseCommandLine, UsageError, type CommandIO } from "./command";
import { COMMANDS } from "./commands";

const HELP = `Usage: vendorscope <command> [options]

Vendorscope keeps an inventory of third-party access to an AWS Organization.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)}${c.summary}`).join("\n")}

Run 'vendorscope <command> --help' for a command's options.
`;

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr("vendorscope: missing command (try 'vendorscope --help')\n");
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(HELP);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`vendorscope: unknown command '${name}' (try 'vendorscope --help')\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    const { values, positionals, help } = parseCommandLine(command, rest);
    if (help) {
      io.stdout(command.help);
      return 0;
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vendorscope ${command.name}: ${error.message} (try 'vendorscope ${command.name} --help')\n`);
      return 2;
    }
    // By name: importing lib/db here would load the database driver for every command.
    if (error instanceof Error && error.name === "DatabaseInUseError") {
      io.stderr(`vendorscope ${command.name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
