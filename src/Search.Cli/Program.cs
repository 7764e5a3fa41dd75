using Search.Cli;

using var signals = new TerminationSignals(Console.Error);
return await CliApplication.RunAsync(args, CliHost.FromConsole() with { Signals = signals }, signals).ConfigureAwait(false);
