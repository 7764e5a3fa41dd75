using System.Collections.Concurrent;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Tests.Reliability;

/// <summary>
/// A Lucene directory over another that misbehaves on demand, as disks do: it fails the N-th write or sync, runs out
/// of space after a byte budget, or "loses power" (every later call fails, and files written since their last sync
/// are lost). It also counts the files left open, to catch leaked handles. Lucene.Net's own MockDirectoryWrapper is
/// in its test framework, which is not published for beta00017, so the tests carry this small one.
/// </summary>
/// <remarks>Lucene 4.8 never renames a file: a commit is writing and syncing <c>segments_N</c>, so faults on writes and
/// syncs cover every step of it.</remarks>
internal sealed class FaultyDirectory(LuceneDirectory inner) : FilterDirectory(inner)
{
    private readonly object _sync = new();
    private readonly HashSet<string> _unsynced = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<object, string> _open = new();
    private Fault? _fault;
    private long _budget = long.MaxValue;
    private volatile bool _crashed;
    private long _writes;

    /// <summary>The directory underneath, as a process started after the crash would find it.</summary>
    public LuceneDirectory Inner => m_input;

    /// <summary>Files opened through this directory and not closed yet (clones excluded: Lucene closes only originals).</summary>
    public IReadOnlyCollection<string> OpenFiles => [.. _open.Values];

    /// <summary>Whether the power went (<see cref="Crash"/>).</summary>
    public bool Crashed => _crashed;

    /// <summary>Write calls made through this directory so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>How many faults were raised since the last <see cref="Disarm"/>.</summary>
    public int FaultsRaised { get; private set; }

    /// <summary>Fails the <paramref name="nth"/> write call from now on (counting every write to every file), and every
    /// write after it until <see cref="Disarm"/>; with <paramref name="mergesOnly"/>, only writes of merged segments count.</summary>
    public void FailWrite(int nth, bool mergesOnly = false) => Arm(new Fault(FaultKind.Write, nth, mergesOnly));

    /// <summary>Fails the <paramref name="nth"/> sync from now on, and every sync after it until <see cref="Disarm"/>.</summary>
    public void FailSync(int nth) => Arm(new Fault(FaultKind.Sync, nth, mergesOnly: false));

    /// <summary>The power goes at the <paramref name="nth"/> write from now on (see <see cref="Crash"/>).</summary>
    public void CrashOnWrite(int nth, Random random, bool truncate) =>
        Arm(new Fault(FaultKind.PowerLoss, nth, mergesOnly: false) { Random = random, Truncate = truncate });

    /// <summary>Lets <paramref name="bytes"/> more bytes be written, then fails every write as a full disk does.</summary>
    public void FillDiskAfter(long bytes)
    {
        lock (_sync)
            _budget = bytes;
    }

    /// <summary>Everything works again: no armed fault, no byte budget.</summary>
    public void Disarm()
    {
        lock (_sync)
        {
            _fault = null;
            _budget = long.MaxValue;
            FaultsRaised = 0;
        }
    }

    /// <summary>The power goes: every later call fails, and each file written since it was last synced is lost
    /// (deleted, or with <paramref name="truncate"/> cut to a random length, as a disk cache can leave it).</summary>
    public void Crash(Random random, bool truncate)
    {
        _crashed = true;
        string[] lost;
        lock (_sync)
            lost = [.. _unsynced];
        var present = new HashSet<string>(m_input.ListAll(), StringComparer.Ordinal);
        foreach (string name in lost)
        {
            if (!present.Contains(name))
                continue;
            long length = m_input.FileLength(name);
            if (truncate && length > 0)
                TruncateInner(name, random.NextInt64(length));
            else
                m_input.DeleteFile(name);
        }
    }

    /// <summary>Files written and not yet synced (what a crash now would lose).</summary>
    public IReadOnlyCollection<string> Unsynced
    {
        get
        {
            lock (_sync)
                return [.. _unsynced];
        }
    }

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        ThrowIfCrashed();
        IndexOutput output = m_input.CreateOutput(name, context);
        lock (_sync)
            _unsynced.Add(name);
        var wrapped = new FaultyOutput(this, name, output, context.Context == IOContext.UsageContext.MERGE);
        _open[wrapped] = name;
        return wrapped;
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        ThrowIfCrashed();
        var wrapped = new TrackedInput(this, m_input.OpenInput(name, context));
        _open[wrapped] = name;
        return wrapped;
    }

    public override void Sync(ICollection<string> names)
    {
        ThrowIfCrashed();
        lock (_sync)
        {
            if (_fault is { Kind: FaultKind.Sync } fault && fault.Count())
            {
                FaultsRaised++;
                throw new IOException($"Simulated I/O error while syncing {string.Join(", ", names)}.");
            }
        }
        m_input.Sync(names);
        // As in Lucene's FSDirectory, a file still being written is not synced by being named: its writer has more to add.
        HashSet<string> writing = [.. _open.Keys.OfType<FaultyOutput>().Select(output => output.Name)];
        lock (_sync)
            _unsynced.ExceptWith(names.Where(name => !writing.Contains(name)));
    }

    public override void DeleteFile(string name)
    {
        ThrowIfCrashed();
        m_input.DeleteFile(name);
        lock (_sync)
            _unsynced.Remove(name);
    }

    public override string[] ListAll()
    {
        ThrowIfCrashed();
        return m_input.ListAll();
    }

    public override long FileLength(string name)
    {
        ThrowIfCrashed();
        return m_input.FileLength(name);
    }

    /// <summary>Leaves the inner directory open: the test reopens it as the process after the crash.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2215", Justification = "The base would dispose the inner directory, which outlives this wrapper.")]
    protected override void Dispose(bool disposing)
    {
    }

    private void Arm(Fault fault)
    {
        lock (_sync)
            _fault = fault;
    }

    private void ThrowIfCrashed()
    {
        if (_crashed)
            throw new IOException("Simulated power loss: the disk is gone.");
    }

    /// <summary>Called by an output before it writes <paramref name="bytes"/> bytes.</summary>
    private void BeforeWrite(FaultyOutput output, long bytes)
    {
        ThrowIfCrashed();
        Interlocked.Increment(ref _writes);
        Fault? powerLoss = null;
        lock (_sync)
        {
            if (_fault is { Kind: FaultKind.PowerLoss } cut && cut.Count())
                powerLoss = cut;
        }
        if (powerLoss is not null)
        {
            Crash(powerLoss.Random!, powerLoss.Truncate);
            throw new IOException($"Simulated power loss while writing {output.Name}.");
        }
        lock (_sync)
        {
            if (_fault is { Kind: FaultKind.Write } fault && (!fault.MergesOnly || output.ForMerge) && fault.Count())
            {
                FaultsRaised++;
                throw new IOException($"Simulated I/O error while writing {output.Name}.");
            }
            if (bytes > _budget)
            {
                _budget = 0;
                FaultsRaised++;
                throw new IOException($"Simulated full disk while writing {output.Name}: No space left on device.");
            }
            if (_budget != long.MaxValue)
                _budget -= bytes;
        }
    }

    private void Closed(object file) => _open.TryRemove(file, out _);

    private void TruncateInner(string name, long length)
    {
        byte[] kept = new byte[length];
        using (IndexInput input = m_input.OpenInput(name, IOContext.READ_ONCE))
            input.ReadBytes(kept, 0, kept.Length);
        m_input.DeleteFile(name);
        using IndexOutput output = m_input.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(kept, 0, kept.Length);
    }

    private enum FaultKind
    {
        Write,
        Sync,
        PowerLoss,
    }

    /// <summary>A fault that fires on the N-th matching call and on every one after it.</summary>
    private sealed class Fault(FaultKind kind, int nth, bool mergesOnly)
    {
        private int _remaining = nth;

        public FaultKind Kind { get; } = kind;

        public bool MergesOnly { get; } = mergesOnly;

        public Random? Random { get; init; }

        public bool Truncate { get; init; }

        /// <summary>Counts one matching call; true when it must fail.</summary>
        public bool Count() => --_remaining <= 0;
    }

    private sealed class FaultyOutput(FaultyDirectory directory, string name, IndexOutput inner, bool forMerge) : IndexOutput
    {
        private bool _disposed;

        public string Name { get; } = name;

        public bool ForMerge { get; } = forMerge;

        public override void WriteByte(byte b)
        {
            directory.BeforeWrite(this, 1);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            directory.BeforeWrite(this, length);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush() => inner.Flush();

        public override long Position => inner.Position;

        [Obsolete("Lucene 4.8 API, kept for the contract")]
        public override void Seek(long pos) => inner.Seek(pos);

        public override long Checksum => inner.Checksum;

        public override long Length
        {
            get => inner.Length;
            set => inner.Length = value;
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing || _disposed)
                return;
            _disposed = true;
            directory.Closed(this);
            inner.Dispose();
        }
    }

    private sealed class TrackedInput : IndexInput
    {
        private readonly FaultyDirectory? _directory; // null for clones, which Lucene never closes
        private readonly IndexInput _inner;

        public TrackedInput(FaultyDirectory? directory, IndexInput inner)
            : base("Tracked(" + inner + ")")
        {
            _directory = directory;
            _inner = inner;
        }

        public override byte ReadByte() => _inner.ReadByte();

        public override void ReadBytes(byte[] b, int offset, int len) => _inner.ReadBytes(b, offset, len);

        public override long Position => _inner.Position;

        public override void Seek(long pos) => _inner.Seek(pos);

        public override long Length => _inner.Length;

        public override object Clone()
        {
            var clone = new TrackedInput(null, (IndexInput)_inner.Clone());
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing)
                return;
            _directory?.Closed(this);
            _inner.Dispose();
        }
    }
}
