using Microsoft.Extensions.Hosting;

namespace Search.Cli;

/// <summary>
/// How a long-running command (<c>serve</c>, <c>silo</c>) lives: the process's signals are the command line's to handle
/// (only the real program's), so the host it runs does not listen for them too; the command waits for one, then stops
/// its host itself, so open work finishes first.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits until Ctrl+C or SIGTERM cancels <paramref name="cancellationToken"/>, then writes
    /// <paramref name="stopping"/> on stderr.</summary>
    public static async Task WaitForSignalAsync(CliHost host, string stopping, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            host.Error.WriteLine(stopping);
        }
    }
}
