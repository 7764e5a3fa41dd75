using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace Search.Indexing;

/// <summary>
/// Lucene's file-system directory, reading with one positional system call per buffer refill
/// (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>). Lucene.Net's <see cref="NIOFSDirectory"/> reads
/// through a buffered <see cref="FileStream"/> under a lock, with a seek and a length check per refill, and that was most
/// of a fuzzy query's time; <see cref="MMapDirectory"/> is faster still but can crash the process when a reader is swapped
/// (see docs/lucene-notes.md). Writing, locking and syncing are <see cref="FSDirectory"/>'s own.
/// </summary>
internal sealed class PositionalReadDirectory(string path) : FSDirectory(new DirectoryInfo(path), null)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        string file = System.IO.Path.Combine(Directory.FullName, name);
        SafeFileHandle handle = OpenHandle(file);
        try
        {
            return new Input($"PositionalReadInput(path=\"{file}\")", handle, 0, RandomAccess.GetLength(handle),
                BufferSize(name, context), ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        string file = System.IO.Path.Combine(Directory.FullName, name);
        return new Slicer(file, OpenHandle(file), context);
    }

    // A hit's stored fields are a compressed block of up to 16 KB, read a few bytes at a time: with Lucene's 1 KB buffer
    // that was a dozen system calls per hit shown with highlights.
    private const int StoredFieldsBuffer = 16 * 1024;

    private static int BufferSize(string name, IOContext context) =>
        name.EndsWith(".fdt", StringComparison.Ordinal) ? Math.Max(StoredFieldsBuffer, BufferedIndexInput.GetBufferSize(context)) : BufferedIndexInput.GetBufferSize(context);

    // Files are deleted and renamed while readers have them open (a merge replaces segments that searches still read).
    private static SafeFileHandle OpenHandle(string file) =>
        File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Slices of one compound file, sharing its handle; the slicer owns it.</summary>
    private sealed class Slicer(string file, SafeFileHandle handle, IOContext context) : IndexInputSlicer
    {
        // A compound file names each slice after the file it holds, so its stored fields get their larger buffer too.
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new Input($"PositionalReadInput({sliceDescription} in path=\"{file}\" slice={offset}:{offset + length})", handle, offset, length,
                BufferSize(sliceDescription, context), ownsHandle: false);

        [Obsolete("As Lucene.Net marks it; its compound file reader still calls it to read the entries' table.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                handle.Dispose();
        }
    }

    /// <summary>A window [<c>start</c>, <c>start + length</c>) of a file. Clones share the handle and never close it;
    /// positional reads need no lock, so clones read from any thread at once.</summary>
    private sealed class Input : BufferedIndexInput
    {
        private readonly SafeFileHandle _handle;
        private readonly long _start;
        private readonly long _length;
        private bool _ownsHandle;

        public Input(string description, SafeFileHandle handle, long start, long length, int bufferSize, bool ownsHandle)
            : base(description, bufferSize)
        {
            _handle = handle;
            _start = start;
            _length = length;
            _ownsHandle = ownsHandle;
        }

        public override long Length => _length;

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone._ownsHandle = false;
            return clone;
        }

        protected override void ReadInternal(byte[] b, int offset, int len)
        {
            long position = Position;
            if (position + len > _length)
                throw new EndOfStreamException($"read past EOF: {this} (at {position}, {len} bytes, length {_length})");
            Span<byte> rest = b.AsSpan(offset, len);
            long at = _start + position;
            while (rest.Length > 0)
            {
                int read;
                try
                {
                    read = RandomAccess.Read(_handle, rest, at);
                }
                catch (IOException e)
                {
                    // Name the file, as Lucene's own inputs do.
                    throw new IOException($"{e.Message}: {this}", e);
                }
                if (read <= 0) // the file shrank after it was opened
                    throw new EndOfStreamException($"read past EOF: {this} (at {at - _start}, {rest.Length} bytes left to read)");
                at += read;
                rest = rest[read..];
            }
        }

        protected override void SeekInternal(long pos)
        {
            // Every read says where it reads from.
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsHandle)
                _handle.Dispose();
        }
    }
}
