namespace Search;

/// <summary>How hits are highlighted. The defaults give HTML-safe snippets ready for a web page.</summary>
public sealed record HighlightOptions
{
    /// <summary>The largest <see cref="Fragments"/> accepted.</summary>
    public const int MaxFragments = 100;

    /// <summary>The smallest <see cref="FragmentSize"/> accepted.</summary>
    public const int MinFragmentSize = 20;

    /// <summary>The largest <see cref="FragmentSize"/> accepted.</summary>
    public const int MaxFragmentSize = 10_000;

    /// <summary>Inserted before each match. Default <c>&lt;mark&gt;</c>. Written as given, never encoded.</summary>
    public string PreTag { get; init; } = "<mark>";

    /// <summary>Inserted after each match. Default <c>&lt;/mark&gt;</c>. Written as given, never encoded.</summary>
    public string PostTag { get; init; } = "</mark>";

    /// <summary>The most body snippets per hit, best first by position in the text. Default 3; 0 gives none.</summary>
    public int Fragments { get; init; } = 3;

    /// <summary>The longest snippet, in characters of document text (tags, entities and the <see cref="Ellipsis"/> not
    /// counted). Default 160. A sentence that fits is shown whole, with the whole sentences after it that still fit;
    /// a longer one is cut at words around its matches, so most snippets are a little shorter.</summary>
    public int FragmentSize { get; init; } = 160;

    /// <summary>Written at the start of a snippet that starts inside a sentence, and at the end of one that ends inside a
    /// sentence, so a reader knows text was left out. Default <c>…</c> (U+2026); an empty string writes nothing. Written
    /// as given, never encoded, like the tags (so <c>&amp;hellip;</c> works in HTML), right against the snippet's
    /// text (include a space to set it apart).</summary>
    public string Ellipsis { get; init; } = "\u2026";

    /// <summary>HTML-encode the document text around the tags (<c>&lt;</c> becomes <c>&amp;lt;</c>), so a
    /// document can never inject markup. Default <see langword="true"/>.</summary>
    public bool Encode { get; init; } = true;

    /// <summary>Checks every value, before a search uses them.</summary>
    /// <param name="owner">What holds these options, for the property path in messages: <c>Highlight.</c> for a request's.</param>
    /// <exception cref="ArgumentNullException">A tag or the ellipsis is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range; the exception names the property.</exception>
    internal void Validate(string owner)
    {
        OptionRules.NotNull(PreTag, owner + nameof(PreTag));
        OptionRules.NotNull(PostTag, owner + nameof(PostTag));
        OptionRules.NotNull(Ellipsis, owner + nameof(Ellipsis));
        OptionRules.Between(Fragments, 0, MaxFragments, owner + nameof(Fragments));
        OptionRules.Between(FragmentSize, MinFragmentSize, MaxFragmentSize, owner + nameof(FragmentSize));
    }
}
