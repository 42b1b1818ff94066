import { analyzeCommand } from "./analyzeCommand";
import { parseCommandLine, UsageError, type Command, type CommandIO } from "./command";
import { doctorCommand } from "./doctorCommand";
import { exportCommand } from "./exportCommand";
import { reanalyzeCommand } from "./reanalyzeCommand";
import { reportCommand } from "./reportCommand";
import { scanCommand } from "./scanCommand";
import { scansCommand } from "./scansCommand";
import { cancelCommand } from "./cancelCommand";
import { scheduleCommand } from "./scheduleCommand";
import { schedulerCommand } from "./schedulerCommand";
import { usersCommand } from "./usersCommand";
import { vendorsCommand } from "./vendorsCommand";
import { workerCommand } from "./workerCommand";

const COMMANDS: readonly Command[] = [
  analyzeCommand,
  scanCommand,
  scansCommand,
  cancelCommand,
  exportCommand,
  reportCommand,
  reanalyzeCommand,
  vendorsCommand,
  usersCommand,
  doctorCommand,
  scheduleCommand,
  schedulerCommand,
  workerCommand,
];

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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`vendorscope: unknown command '${name}' (try 'vendorscope --help')\n`);
    return 2;
  }
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
