using System.Runtime.InteropServices;

namespace Search.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into cancellation of a command that is writing an index, so that it stops between
/// documents and leaves the index at its last commit; any other command (a search, which cannot be cancelled half-way)
/// ends at once. Either way the exit code is the one shells and service managers expect: 130 for the one, 143 for the
/// other. Only the real program listens; in-process runs (tests) never touch the process's signals.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    // How long a stopping command may take to wind down (a rollback, closing files) before the process ends anyway. Ending
    // then is safe: nothing commits by itself, so it is a crash at worst, and every write survives those. A search, which
    // cannot be cancelled half-way, ends this way too.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly TextWriter _error;
    private volatile int _exitCode;
    private int _writers;

    /// <param name="error">Where to say that the process was interrupted, when it ends at once.</param>
    public TerminationSignals(TextWriter error)
    {
        _error = error;
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

    /// <summary>Marks the span in which the command writes an index: a signal then cancels it and waits for it to wind down
    /// instead of ending the process at once.</summary>
    public IDisposable Writing()
    {
        Interlocked.Increment(ref _writers);
        return new WritingScope(this);
    }

    private void OnSignal(PosixSignalContext context)
    {
        // A second signal (Ctrl+C pressed again) ends the process now, as the runtime would.
        if (Interlocked.CompareExchange(ref _exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted, 0) != 0)
            return;
        context.Cancel = true;
        _cancel.Cancel();
        _signalled.TrySetResult();
        if (Volatile.Read(ref _writers) == 0)
        {
            // Nothing to wind down: reading commands stop here, with the signal's exit code.
            _error.WriteLine($"search: {Message}");
            Environment.Exit(_exitCode);
        }
    }

    private sealed class WritingScope(TerminationSignals signals) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.Decrement(ref signals._writers);
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
