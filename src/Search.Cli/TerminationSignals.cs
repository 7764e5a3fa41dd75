using System.Runtime.InteropServices;

namespace Search.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into cancellation of the running command, so that it stops between documents and
/// leaves the index at its last commit, and remembers which signal came: shells and service managers expect exit code
/// 130 for the one and 143 for the other. Only the real program listens; in-process runs (tests) never touch the
/// process's signals.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    // How long a stopping command may take to wind down (a rollback, closing files) before the process ends anyway.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private volatile int _exitCode;

    public TerminationSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code for the signal that came, or null while none has.</summary>
    public int? ExitCode => _exitCode == 0 ? null : _exitCode;

    /// <summary>What to tell the person, once a signal has come.</summary>
    public string Message => _exitCode == ExitCodes.Terminated ? "Terminated." : "Interrupted.";

    /// <summary>Completes <see cref="Grace"/> after the first signal.</summary>
    public async Task GraceExpiredAsync()
    {
        await _signalled.Task.ConfigureAwait(false);
        await Task.Delay(Grace).ConfigureAwait(false);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the command ends itself, cleanly, instead of the runtime ending the process here
        if (Interlocked.CompareExchange(ref _exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted, 0) == 0)
        {
            _cancel.Cancel();
            _signalled.TrySetResult();
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
