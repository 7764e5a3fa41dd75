namespace Search;

/// <summary>One way to finish what a person is typing, from <see cref="SearchIndex.Complete"/>.</summary>
/// <param name="Query">The text as typed up to its last, partly typed word, followed by a word that occurs in the documents
/// (as written there, lower-cased; never a stem): <c>"Oil pr"</c> gives <c>"Oil prices"</c>.</param>
/// <param name="Documents">How many documents hold every word of <see cref="Query"/> (each word in the title or the body,
/// as a search finds it, so <c>prices</c> counts documents with <c>price</c> too); always at least 1. For a one-word
/// query it is the <see cref="SearchResults.TotalHits"/> of searching for it.</param>
public sealed record Completion(string Query, long Documents);
