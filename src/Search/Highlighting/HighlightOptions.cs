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

    /// <summary>The longest snippet, in characters of document text (tags and entities not counted). Default 160.
    /// Snippets start and end at sentence or word boundaries, so most are a little shorter.</summary>
    public int FragmentSize { get; init; } = 160;

    /// <summary>HTML-encode the document text around the tags (<c>&lt;</c> becomes <c>&amp;lt;</c>), so a
    /// document can never inject markup. Default <see langword="true"/>.</summary>
    public bool Encode { get; init; } = true;

    /// <summary>Checks every value, before a search uses them.</summary>
    /// <param name="owner">What holds these options, for the property path in messages: <c>Highlight.</c> for a request's.</param>
    /// <exception cref="ArgumentNullException">A tag is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range; the exception names the property.</exception>
    internal void Validate(string owner)
    {
        OptionRules.NotNull(PreTag, owner + nameof(PreTag));
        OptionRules.NotNull(PostTag, owner + nameof(PostTag));
        OptionRules.Between(Fragments, 0, MaxFragments, owner + nameof(Fragments));
        OptionRules.Between(FragmentSize, MinFragmentSize, MaxFragmentSize, owner + nameof(FragmentSize));
    }
}
