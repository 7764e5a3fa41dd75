using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;

namespace Search.Highlighting;

/// <summary>
/// Which words a <see cref="FuzzyQuery"/> accepts, decided word by word with its Levenshtein automata built once, as
/// Lucene's postings highlighter does, instead of indexing each text in memory to expand the term against it. The rule is
/// <see cref="FuzzyTermsEnum"/>'s: the term itself; otherwise a word within the edits whose fewest edits are fewer than
/// both its length and the term's (so "a~1" does not accept "b"); and only the term itself when there is nothing to edit
/// (no edits allowed, or the prefix is the whole term). Each word is decided once per search.
/// </summary>
internal sealed class FuzzyWords
{
    private readonly string _term;
    private readonly int _termLength;
    private readonly CharacterRunAutomaton[] _withinEdits; // [k]: the words at most k edits away
    private readonly Dictionary<string, bool> _decided = new(StringComparer.Ordinal);

    public FuzzyWords(FuzzyQuery query)
    {
        _term = query.Term.Text;
        int[] codePoints = CodePoints(_term);
        _termLength = codePoints.Length;
        int prefixLength = Math.Min(query.PrefixLength, _termLength);
        if (query.MaxEdits == 0 || query.PrefixLength >= _term.Length)
        {
            _withinEdits = [];
            return;
        }
        int prefixEnd = Offset(_term, prefixLength);
        var levenshtein = new LevenshteinAutomata(_term[prefixEnd..], query.Transpositions);
        Automaton? prefix = prefixLength > 0 ? BasicAutomata.MakeString(_term[..prefixEnd]) : null;
        _withinEdits = new CharacterRunAutomaton[query.MaxEdits + 1];
        for (int edits = 0; edits <= query.MaxEdits; edits++)
        {
            Automaton automaton = levenshtein.ToAutomaton(edits);
            _withinEdits[edits] = new CharacterRunAutomaton(prefix is null ? automaton : BasicOperations.Concatenate(prefix, automaton));
        }
    }

    /// <summary>Whether the fuzzy term accepts <paramref name="word"/>, an analysed word of its field.</summary>
    public bool Accepts(string word)
    {
        if (!_decided.TryGetValue(word, out bool accepted))
        {
            accepted = Decide(word);
            _decided[word] = accepted;
        }
        return accepted;
    }

    private bool Decide(string word)
    {
        if (string.Equals(word, _term, StringComparison.Ordinal))
            return true;
        if (_withinEdits.Length == 0 || !_withinEdits[^1].Run(word))
            return false;
        int edits = _withinEdits.Length - 1;
        while (edits > 1 && _withinEdits[edits - 1].Run(word))
            edits--;
        // FuzzyTermsEnum's similarity, which must stay above zero: fewer edits than either word has characters.
        return edits < Math.Min(CodePoints(word).Length, _termLength);
    }

    private static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            points.Add(char.ConvertToUtf32(text, i));
        return [.. points];
    }

    /// <summary>The UTF-16 offset of the code point at <paramref name="codePoints"/> in <paramref name="text"/>.</summary>
    private static int Offset(string text, int codePoints)
    {
        int offset = 0;
        for (int i = 0; i < codePoints; i++)
            offset += char.IsSurrogatePair(text, offset) ? 2 : 1;
        return offset;
    }
}
