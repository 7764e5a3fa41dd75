"""Xapian 1.4 under the peer protocol (see benchmarks/peers/README.md).

Run with the system Python that python3-xapian installs into:
    python3 peer_xapian.py --x1 DIR --x4 DIR --queries FILE --output FILE
"""

import xapian

import peer_protocol
from peer_protocol import BenchQuery, Engine, Searcher, seeds

# Lucene's English stop set (what EnglishAnalyzer drops), so every engine drops the same words.
LUCENE_STOP_WORDS = ("a an and are as at be but by for if in into is it no not of on or such that the their then "
                     "there these they this to was will with").split()

TITLE_PREFIX = "S"  # Xapian's conventional prefix for a title
ID_PREFIX = "Q"  # ... and for a unique id term, Xapian's counterpart of Lucene's StringField
DATE_SLOT = 0
ID_SLOT = 1
SEPARATOR = "\x1f"  # between the stored id, day, title and body in the document data
BODY_SNIPPET_BYTES = 3 * 160  # MSet.snippet gives one passage: as long as the three 160-character fragments elsewhere


def _stemmer():
    return xapian.Stem("english")


def _stopper():
    stopper = xapian.SimpleStopper()
    for word in LUCENE_STOP_WORDS:
        stopper.add(word)
    return stopper


def _bm25():
    # Lucene's BM25 parameters (k1 1.2, b 0.75); Xapian's own defaults are k1 1, b 0.5.
    return xapian.BM25Weight(1.2, 0, 1, 0.75, 0.5)


class XapianEngine(Engine):
    id = "xapian"
    name = "Xapian 1.4"
    version = f"Xapian {xapian.version_string()} (Python bindings, glass backend)"
    multi_threaded = False

    def index(self, folder, index_dir, threads):
        database = xapian.WritableDatabase(index_dir, xapian.DB_CREATE_OR_OVERWRITE)
        generator = xapian.TermGenerator()
        generator.set_stemmer(_stemmer())
        generator.set_stopper(_stopper())
        # Lucene's stop filter drops stop words altogether; Xapian's default would still index them unstemmed.
        generator.set_stopper_strategy(xapian.TermGenerator.STOP_ALL)
        for seed in seeds(folder):
            document = xapian.Document()
            generator.set_document(document)
            generator.index_text(seed.title, 1, TITLE_PREFIX)
            generator.increase_termpos()
            generator.index_text(seed.body)
            document.add_boolean_term(ID_PREFIX + seed.id)
            document.add_value(ID_SLOT, seed.id)
            if seed.day is not None:
                document.add_value(DATE_SLOT, xapian.sortable_serialise(seed.day))
            day = "" if seed.day is None else str(seed.day)
            document.set_data(SEPARATOR.join((seed.id, day, seed.title, seed.body)))
            database.add_document(document)
        database.commit()
        database.close()

    def count(self, index_dir):
        return xapian.Database(index_dir).get_doccount()

    def open(self, index_dir):
        return XapianSearcher(index_dir)


class XapianSearcher(Searcher):
    def __init__(self, index_dir):
        self.database = xapian.Database(index_dir)
        self.stemmer = _stemmer()
        self.parser = xapian.QueryParser()
        self.parser.set_stemmer(self.stemmer)
        self.parser.set_stopper(_stopper())
        self.parser.set_database(self.database)  # wildcards expand against the index
        self.parser.set_default_op(xapian.Query.OP_OR)
        self.parser.add_prefix("title", TITLE_PREFIX)
        # Two default prefixes: an unqualified word searches title and body, as MultiFieldQueryParser does.
        self.parser.add_prefix("", TITLE_PREFIX)
        self.parser.add_prefix("", "")
        self.flags = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_BOOLEAN | xapian.QueryParser.FLAG_PHRASE
                      | xapian.QueryParser.FLAG_WILDCARD)
        self.enquire = xapian.Enquire(self.database)
        self.enquire.set_weighting_scheme(_bm25())

    def support(self, mode, query: BenchQuery):
        if query.category == "fuzzy":
            return "n/a: Xapian 1.4 has no edit-distance queries"
        if query.category == "phrase":
            return "phrase over unstemmed words"
        if query.category == "prefix":
            return "expands unstemmed words"
        if query.category == "field" and mode == "highlight":
            return "title snippet cannot mark a title-only term"
        return None

    def describe(self):
        return f"{self.database.get_doccount()} documents, glass backend"

    def _parse(self, query: BenchQuery):
        parsed = self.parser.parse_query(query.text, self.flags)
        if not query.has_range:
            return parsed
        if query.from_day is not None and query.to_day is not None:
            dates = xapian.Query(xapian.Query.OP_VALUE_RANGE, DATE_SLOT,
                                 xapian.sortable_serialise(query.from_day), xapian.sortable_serialise(query.to_day))
        elif query.from_day is not None:
            dates = xapian.Query(xapian.Query.OP_VALUE_GE, DATE_SLOT, xapian.sortable_serialise(query.from_day))
        else:
            dates = xapian.Query(xapian.Query.OP_VALUE_LE, DATE_SLOT, xapian.sortable_serialise(query.to_day))
        return xapian.Query(xapian.Query.OP_FILTER, parsed, dates)

    def run(self, mode, query):
        self.enquire.set_query(self._parse(query))
        mset = self.enquire.get_mset(0, 10)
        shown = 0
        for match in mset:
            doc_id, day, title, body = match.document.get_data().decode("utf-8").split(SEPARATOR, 3)
            if mode == "top10":
                shown += len(doc_id) + len(title) + (1 if day else 0)
            else:
                # A length beyond the title returns all of it, marked: the "whole title" the others highlight.
                marked_title = mset.snippet(title, len(title) * 4 + 16, self.stemmer, 0, "<mark>", "</mark>", "")
                snippet = mset.snippet(body, BODY_SNIPPET_BYTES, self.stemmer,
                                       xapian.MSet.SNIPPET_BACKGROUND_MODEL | xapian.MSet.SNIPPET_EXHAUSTIVE,
                                       "<mark>", "</mark>", "...")
                shown += len(doc_id) + len(marked_title) + len(snippet)
        return shown

    def total_hits(self, query):
        self.enquire.set_query(self._parse(query))
        # Xapian estimates the count unless told to check every document.
        return self.enquire.get_mset(0, 0, self.database.get_doccount()).get_matches_estimated()

    def close(self):
        self.database.close()


if __name__ == "__main__":
    peer_protocol.run(XapianEngine())
