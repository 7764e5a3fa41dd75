using Search.Cli;

using var signals = new TerminationSignals();
return await CliApplication.RunAsync(args, CliHost.FromConsole(), signals).ConfigureAwait(false);
