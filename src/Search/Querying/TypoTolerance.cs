namespace Search;

/// <summary>Whether the words of a <see cref="QuerySyntax.Simple"/> query also match their misspellings' corrections
/// (<see cref="SearchRequest.Typos"/>).</summary>
public enum TypoTolerance
{
    /// <summary>Words match as typed (after folding, lower-casing and stemming), and nothing else.</summary>
    Off,

    /// <summary>A word of 5 to 8 letters also matches words one edit away, and a word of 9 letters or more words two
    /// edits away (an insertion, deletion, substitution or transposition of neighbours is one edit), always with the same
    /// first letter. Only words that the index holds in few documents are widened, since a word it knows well is rarely a
    /// typo: a correctly spelled query gets the same hits at the same cost as with <see cref="Off"/>. A document that
    /// holds the word as typed ranks above one that holds only a correction of it, other things equal.</summary>
    Auto,
}
