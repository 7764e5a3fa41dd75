using Search.Cli;

return await CliApplication.RunAsync(args, CliHost.FromConsole()).ConfigureAwait(false);
