using System.Diagnostics;

namespace Search;

/// <summary>When a search's time budget runs out. The default never does. Cheap enough to check every few hundred tokens.</summary>
internal readonly struct Deadline
{
    private readonly long _started;
    private readonly TimeSpan _budget;
    private readonly bool _bounded;

    /// <summary>A deadline <paramref name="budget"/> after <paramref name="startedTimestamp"/> (a
    /// <see cref="Stopwatch.GetTimestamp"/> value), or none when <paramref name="budget"/> is null.</summary>
    public Deadline(long startedTimestamp, TimeSpan? budget)
    {
        _started = startedTimestamp;
        _budget = budget ?? TimeSpan.Zero;
        _bounded = budget is not null;
    }

    public static Deadline None => default;

    /// <summary>How many steps of a loop pass between two looks at the clock.</summary>
    public const int CheckInterval = 256;

    /// <summary>Whether the budget can run out at all.</summary>
    public bool IsBounded => _bounded;

    // Elapsed time rather than an end timestamp, so that TimeSpan.MaxValue cannot overflow.
    public bool HasPassed => _bounded && Stopwatch.GetElapsedTime(_started) >= _budget;
}
