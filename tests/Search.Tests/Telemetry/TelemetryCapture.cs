using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Search.Tests.Telemetry;

/// <summary>
/// Listens to the library's spans and measurements, keeping only those made under a root activity of its own, which it
/// starts as the current one: listeners are process-wide, and tests running meanwhile make spans and measurements too.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly Activity _root;
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public TelemetryCapture()
    {
        _root = new Activity("telemetry-test").Start();
        ActivityTraceId trace = _root.TraceId;
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SearchTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace)
                    _stopped.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SearchTelemetry.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        // Measurements carry no trace, but are recorded on the flow that made them, where the root is an ancestor.
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags, trace));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags, trace));
        _meters.Start();
    }

    /// <summary>The root activity every captured span descends from.</summary>
    public Activity Root => _root;

    /// <summary>The captured spans named <paramref name="name"/>, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Spans(string name) => [.. _stopped.Where(a => a.OperationName == name)];

    /// <summary>The captured measurements of the instrument named <paramref name="instrument"/>.</summary>
    public IReadOnlyList<Measurement> Measurements(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, ActivityTraceId trace)
        where T : struct, IConvertible
    {
        if (Activity.Current?.TraceId != trace)
            return;
        var copied = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
            copied[tag.Key] = tag.Value;
        _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture), copied));
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
        _root.Stop();
    }

    /// <summary>One recorded value, with its instrument's name and unit and the tags it was recorded with.</summary>
    internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
}
