using System.Diagnostics;

namespace Search.Benchmarks;

/// <summary>What one load level measured: the operations that completed inside the measured window, their latencies,
/// and every failure from the start of the warm-up on.</summary>
public sealed record LoadResult(int Workers, int Completed, TimeSpan Window, double P50Ms, double P99Ms, int Failed)
{
    public double PerSecond => Completed / Window.TotalSeconds;
}

/// <summary>
/// A closed loop: N workers, each starting its next operation when the previous one has answered, for a warm-up and
/// then a measured window. Only operations that end inside the window count, so throughput is completions over the
/// window's length.
/// </summary>
public static class ClosedLoop
{
    /// <summary>Runs <paramref name="workers"/> workers, as tasks (for asynchronous work such as HTTP requests) or on
    /// threads of their own (for synchronous work, which would otherwise wait for the thread pool to grow).</summary>
    /// <param name="operation">The worker's number and its operation's sequence number; false for a failure.</param>
    /// <param name="hopeless">Asked after a failure: true ends the level early (say, the server has gone), rather than
    /// failing as fast as the loop can spin.</param>
    public static LoadResult Run(int workers, TimeSpan warmup, TimeSpan window, bool dedicatedThreads, Func<int, long, Task<bool>> operation,
        Func<bool>? hopeless = null)
    {
        long start = Stopwatch.GetTimestamp();
        long windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var outcomes = new WorkerOutcome[workers];
        if (dedicatedThreads)
        {
            var threads = new Thread[workers];
            for (int w = 0; w < workers; w++)
            {
                int worker = w;
                threads[w] = new Thread(() => outcomes[worker] = Work(worker, windowStart, windowEnd, operation, hopeless).GetAwaiter().GetResult())
                {
                    IsBackground = true,
                    Name = $"load worker {worker}",
                };
                threads[w].Start();
            }
            foreach (Thread thread in threads)
                thread.Join();
        }
        else
        {
            Task[] tasks = [.. Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
                outcomes[worker] = await Work(worker, windowStart, windowEnd, operation, hopeless).ConfigureAwait(false)))];
            Task.WaitAll(tasks);
        }

        double[] latencies = [.. outcomes.SelectMany(o => o.Latencies).Order()];
        return new LoadResult(workers, latencies.Length, window, Percentile(latencies, 0.50), Percentile(latencies, 0.99), outcomes.Sum(o => o.Failed));
    }

    private static async Task<WorkerOutcome> Work(int worker, long windowStart, long windowEnd, Func<int, long, Task<bool>> operation, Func<bool>? hopeless)
    {
        var outcome = new WorkerOutcome();
        for (long sequence = 0; ; sequence++)
        {
            long began = Stopwatch.GetTimestamp();
            if (began >= windowEnd)
                return outcome;
            bool succeeded = await operation(worker, sequence).ConfigureAwait(false);
            long ended = Stopwatch.GetTimestamp();
            if (!succeeded)
            {
                outcome.Failed++;
                if (hopeless?.Invoke() == true)
                    return outcome;
            }
            else if (ended >= windowStart && ended < windowEnd)
                outcome.Latencies.Add(Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds);
        }
    }

    /// <summary>The nearest-rank percentile of sorted values; NaN for none.</summary>
    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class WorkerOutcome
    {
        public List<double> Latencies { get; } = [];

        public int Failed { get; set; }
    }
}
