using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Indexing;

/// <summary>
/// The words of one document as its title and body are analysed, caught before stemming, and replayed as the tokens of
/// <see cref="IndexSchema.Words"/>: the text is tokenized once for both the searched fields and the vocabulary.
/// </summary>
/// <remarks>Lucene 4.8 inverts a document's fields in order of their names, so <c>body</c> and <c>title</c> are read
/// (and caught here) before <c>words</c> is replayed. One per <see cref="IndexSchema.ReusableDocument"/>; not thread-safe.</remarks>
internal sealed class WordCapture
{
    private char[] _chars = new char[4096];
    private int _used;
    private readonly List<(int Start, int Length)> _words = [];

    /// <summary>Forgets the previous document's words.</summary>
    public void Clear()
    {
        _used = 0;
        _words.Clear();
    }

    /// <summary>The filter that catches each word passing through <paramref name="input"/>, unchanged.</summary>
    public TokenStream CatchFrom(TokenStream input) => new CatchingFilter(input, this);

    /// <summary>A token stream of the words caught since <see cref="Clear"/>, in order; reusable after each reset.</summary>
    public TokenStream Replay() => new ReplayStream(this);

    private void Add(ICharTermAttribute term)
    {
        int length = term.Length;
        if (_used + length > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + length));
        Array.Copy(term.Buffer, 0, _chars, _used, length);
        _words.Add((_used, length));
        _used += length;
    }

    private sealed class CatchingFilter : TokenFilter
    {
        private readonly WordCapture _capture;
        private readonly ICharTermAttribute _term;

        public CatchingFilter(TokenStream input, WordCapture capture) : base(input)
        {
            _capture = capture;
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
                return false;
            _capture.Add(_term);
            return true;
        }
    }

    private sealed class ReplayStream : TokenStream
    {
        private readonly WordCapture _capture;
        private readonly ICharTermAttribute _term;
        private int _next;

        public ReplayStream(WordCapture capture)
        {
            _capture = capture;
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }

        public override bool IncrementToken()
        {
            if (_next >= _capture._words.Count)
                return false;
            ClearAttributes();
            (int start, int length) = _capture._words[_next++];
            _term.CopyBuffer(_capture._chars, start, length);
            return true;
        }
    }
}
