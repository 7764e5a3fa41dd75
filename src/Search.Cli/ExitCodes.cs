namespace Search.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Success, zero hits included.</summary>
    public const int Success = 0;

    /// <summary>Any failure other than usage: a missing folder, a locked or unreadable index, bad files with --strict.</summary>
    public const int Failure = 1;

    /// <summary>A usage or query-syntax error.</summary>
    public const int Usage = 2;

    /// <summary>Nothing is wrong, but the work could not be done now; try again (sysexits' EX_TEMPFAIL): <c>search check</c>
    /// while another process commits faster than a commit can be held for checking.</summary>
    public const int TryAgain = 75;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (a service manager, <c>kill</c>), as shells report it.</summary>
    public const int Terminated = 143;
}
