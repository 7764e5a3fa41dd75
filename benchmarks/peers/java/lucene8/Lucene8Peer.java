import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

/**
 * Java Lucene 8 doing what RawLucene.cs and the raw baseline of QueryBenchmarks.cs do, in Lucene 8's terms: the date
 * is a LongPoint plus a stored field (trie-encoded numeric fields are gone), and the date range is a FILTER clause
 * (filters are gone).
 */
public final class Lucene8Peer implements PeerHarness.Engine {

    public static void main(String[] args) throws Exception {
        PeerHarness.run(new Lucene8Peer(), args);
    }

    @Override
    public String id() {
        return "lucene8";
    }

    @Override
    public String name() {
        return "Java Lucene 8";
    }

    @Override
    public String version() {
        return PeerHarness.luceneVersion(Version.LATEST, Version.class.getPackage());
    }

    static Analyzer analyzer() {
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put("title", new EnglishAnalyzer());
        perField.put("body", new EnglishAnalyzer());
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    private static Document toDocument(PeerHarness.SeedDoc seed) {
        Document document = new Document();
        document.add(new StringField("id", seed.id(), Field.Store.YES));
        document.add(new SortedDocValuesField("id", new BytesRef(seed.id())));
        document.add(new TextField("title", seed.title(), Field.Store.YES));
        document.add(new TextField("body", seed.body(), Field.Store.YES));
        if (seed.day() != null) {
            document.add(new LongPoint("date", seed.day()));
            document.add(new StoredField("date", seed.day()));
            document.add(new NumericDocValuesField("date", seed.day()));
        }
        return document;
    }

    @Override
    public void index(Path folder, Path indexDir, int threads) throws Exception {
        List<Path> files = PeerHarness.listTxt(folder);
        try (Analyzer analyzer = analyzer();
                Directory directory = new NIOFSDirectory(indexDir);
                IndexWriter writer = new IndexWriter(directory, config(analyzer))) {
            PeerHarness.forEachParallel(files, threads,
                    file -> writer.addDocument(toDocument(PeerHarness.readSeed(file, PeerHarness.idOf(folder, file)))));
            writer.commit();
        }
    }

    private static IndexWriterConfig config(Analyzer analyzer) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity());
        return config;
    }

    @Override
    public long count(Path indexDir) throws Exception {
        try (Directory directory = new NIOFSDirectory(indexDir); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }

    @Override
    public PeerHarness.Searcher open(Path folder, Path indexDir, Path scratch) throws Exception {
        return new Searcher(indexDir);
    }

    private static final class Searcher implements PeerHarness.Searcher {
        private final Directory directory;
        private final DirectoryReader reader;
        private final IndexSearcher searcher;
        private final Analyzer analyzer = analyzer();

        Searcher(Path indexDir) throws Exception {
            directory = new NIOFSDirectory(indexDir);
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            // Lucene 8 caches frequently used filter clauses by default; a benchmark that repeats one query would then
            // time the cache, and no other engine here has one.
            searcher.setQueryCache(null);
        }

        @Override
        public List<String> modes() {
            return List.of("top10", "highlight");
        }

        @Override
        public String describe() {
            return reader.leaves().size() + " segments (NIOFSDirectory), query cache off";
        }

        private Query parse(PeerHarness.BenchQuery benchQuery) throws Exception {
            Query query = new MultiFieldQueryParser(PeerHarness.FIELDS, analyzer, PeerHarness.BOOSTS).parse(benchQuery.text());
            if (!benchQuery.hasRange()) {
                return query;
            }
            long from = benchQuery.fromDay() == null ? Long.MIN_VALUE : benchQuery.fromDay();
            long to = benchQuery.toDay() == null ? Long.MAX_VALUE : benchQuery.toDay();
            return new BooleanQuery.Builder()
                    .add(query, BooleanClause.Occur.MUST)
                    .add(LongPoint.newRangeQuery("date", from, to), BooleanClause.Occur.FILTER)
                    .build();
        }

        @Override
        public long run(String mode, PeerHarness.BenchQuery benchQuery) throws Exception {
            Query query = parse(benchQuery);
            return switch (mode) {
                case "top10" -> top10(query);
                case "highlight" -> highlight(query);
                default -> throw new IllegalArgumentException(mode);
            };
        }

        private long top10(Query query) throws Exception {
            long shown = 0;
            for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
                Document document = searcher.doc(hit.doc);
                shown += document.get("id").length() + document.get("title").length() + (document.getField("date") != null ? 1 : 0);
            }
            return shown;
        }

        private long highlight(Query query) throws Exception {
            QueryScorer titleScorer = new QueryScorer(query, "title");
            QueryScorer bodyScorer = new QueryScorer(query, "body");
            SimpleHTMLFormatter formatter = new SimpleHTMLFormatter("<mark>", "</mark>");
            SimpleHTMLEncoder encoder = new SimpleHTMLEncoder();
            Highlighter titleHighlighter = new Highlighter(formatter, encoder, titleScorer);
            titleHighlighter.setTextFragmenter(new NullFragmenter());
            Highlighter bodyHighlighter = new Highlighter(formatter, encoder, bodyScorer);
            bodyHighlighter.setTextFragmenter(new SimpleSpanFragmenter(bodyScorer, PeerHarness.FRAGMENT_SIZE));
            long shown = 0;
            for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
                Document document = searcher.doc(hit.doc);
                String title = document.get("title");
                String body = document.get("body");
                String highlightedTitle = titleHighlighter.getBestFragment(analyzer, "title", title);
                if (highlightedTitle == null) {
                    highlightedTitle = encoder.encodeText(title);
                }
                String[] snippets = bodyHighlighter.getBestFragments(analyzer.tokenStream("body", body), body, 3);
                shown += document.get("id").length() + highlightedTitle.length();
                for (String snippet : snippets) {
                    shown += snippet.length();
                }
            }
            return shown;
        }

        @Override
        public long totalHits(PeerHarness.BenchQuery benchQuery) throws Exception {
            return searcher.count(parse(benchQuery));
        }

        @Override
        public void close() throws java.io.IOException {
            reader.close();
            directory.close();
            analyzer.close();
        }
    }
}
