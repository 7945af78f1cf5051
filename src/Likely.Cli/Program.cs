using Likely.Cli;

// The command tree lives in CommandTree; this file only wires the process to it.
return CliApp.Run(args, Console.Out, Console.Error);
