"""Whoosh 2.7 under the peer protocol (see benchmarks/peers/README.md).

Run with the system Python that python3-whoosh installs into:
    python3 peer_whoosh.py --x1 DIR --x4 DIR --queries FILE --output FILE
"""

import warnings

# Whoosh 2.7 predates Python 3.8's warning about "is" with a literal; it is noise here, not a fault of the run.
warnings.filterwarnings("ignore", category=SyntaxWarning)

import whoosh  # noqa: E402
from whoosh import fields, highlight, index, qparser  # noqa: E402
from whoosh import query as wquery  # noqa: E402
from whoosh.analysis import StemmingAnalyzer  # noqa: E402
from whoosh.scoring import BM25F  # noqa: E402

import peer_protocol  # noqa: E402
from peer_protocol import BenchQuery, Engine, Searcher, seeds  # noqa: E402

# Lucene's English stop set (what EnglishAnalyzer drops), so every engine drops the same words.
LUCENE_STOP_WORDS = frozenset(("a an and are as at be but by for if in into is it no not of on or such that the their then "
                               "there these they this to was will with").split())

FRAGMENT_CHARS = 160
# Context on each side of a match: Whoosh's default of 20 gives fragments of ~50 characters, the others give ~160.
SURROUND_CHARS = 75


def _schema():
    # minsize=1: Lucene keeps one-letter tokens, Whoosh's StemmingAnalyzer would drop them.
    analyzer = StemmingAnalyzer(stoplist=LUCENE_STOP_WORDS, minsize=1)
    return fields.Schema(
        id=fields.ID(stored=True, sortable=True),
        title=fields.TEXT(analyzer=analyzer, stored=True),
        body=fields.TEXT(analyzer=analyzer, stored=True),
        date=fields.NUMERIC(int, stored=True, sortable=True),
    )


class WhooshEngine(Engine):
    id = "whoosh"
    name = "Whoosh 2.7"
    version = f"Whoosh {whoosh.versionstring()} (pure Python)"
    multi_threaded = False

    def index(self, folder, index_dir, threads):
        ix = index.create_in(index_dir, _schema())
        writer = ix.writer()
        for seed in seeds(folder):
            if seed.day is None:
                writer.add_document(id=seed.id, title=seed.title, body=seed.body)
            else:
                writer.add_document(id=seed.id, title=seed.title, body=seed.body, date=seed.day)
        writer.commit()
        ix.close()

    def count(self, index_dir):
        ix = index.open_dir(index_dir)
        try:
            return ix.doc_count()
        finally:
            ix.close()

    def open(self, index_dir):
        return WhooshSearcher(index_dir)


class LuceneLikeParser(qparser.QueryParser):
    """Lucene's classic parser lowercases the text of prefix, wildcard and fuzzy terms but does not analyse it; Whoosh's
    would stem it ("subs*" would search "sub*", "inportant~1" would search "inport~1")."""

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if termclass in (wquery.Prefix, wquery.Wildcard, wquery.FuzzyTerm):
            return termclass(fieldname, text.lower(), boost=boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


class WhooshSearcher(Searcher):
    def __init__(self, index_dir):
        self.index = index.open_dir(index_dir)
        # Lucene's BM25 parameters, which are also Whoosh's defaults.
        self.searcher = self.index.searcher(weighting=BM25F(B=0.75, K1=1.2))
        # What qparser.MultifieldParser builds, on the subclass above.
        self.parser = LuceneLikeParser(None, self.index.schema, group=qparser.OrGroup)
        self.parser.add_plugin(qparser.MultifieldPlugin(["title", "body"], fieldboosts={"title": 1.25}))
        self.parser.add_plugin(qparser.FuzzyTermPlugin())  # "term~1", as Lucene's syntax has it
        formatter = highlight.HtmlFormatter(tagname="mark", between="...")
        self.title_highlighter = highlight.Highlighter(fragmenter=highlight.WholeFragmenter(), formatter=formatter)
        fragmenter = highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=SURROUND_CHARS)
        # Best fragments first, as Lucene's getBestFragments returns them; Whoosh's default is document order.
        self.body_highlighter = highlight.Highlighter(fragmenter=fragmenter, formatter=formatter, order=highlight.SCORE)

    def describe(self):
        reader = self.searcher.reader()
        segments = len(reader.readers) if hasattr(reader, "readers") else 1
        return f"{segments} segment(s), {self.searcher.doc_count()} documents"

    def _search(self, query: BenchQuery, limit):
        parsed = self.parser.parse(query.text)
        dates = wquery.NumericRange("date", query.from_day, query.to_day) if query.has_range else None
        return self.searcher.search(parsed, limit=limit, filter=dates)

    def run(self, mode, query):
        results = self._search(query, 10)
        shown = 0
        for hit in results:
            if mode == "top10":
                shown += len(hit["id"]) + len(hit["title"]) + (1 if "date" in hit else 0)
            else:
                title = self.title_highlighter.highlight_hit(hit, "title", top=1) or highlight.htmlescape(hit["title"])
                # One string: Whoosh joins the top 3 fragments with the formatter's separator.
                snippets = self.body_highlighter.highlight_hit(hit, "body", top=3)
                shown += len(hit["id"]) + len(title) + len(snippets)
        return shown

    def total_hits(self, query):
        return len(self._search(query, None))

    def close(self):
        self.searcher.close()
        self.index.close()


if __name__ == "__main__":
    peer_protocol.run(WhooshEngine())
