import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.search.Filter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.NumericRangeFilter;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHitCountCollector;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.search.postingshighlight.DefaultPassageFormatter;
import org.apache.lucene.search.postingshighlight.PassageFormatter;
import org.apache.lucene.search.postingshighlight.PostingsHighlighter;
import org.apache.lucene.search.postingshighlight.WholeBreakIterator;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

/**
 * Java Lucene 4.10 doing what RawLucene.cs and the raw baseline of QueryBenchmarks.cs do in Lucene.Net 4.8 (the
 * port of Lucene 4.8), with the same schema, analyzer, directory type and defaults. It also measures the
 * PostingsHighlighter, which needs offsets in the postings, on a second query index that has them.
 */
public final class Lucene4Peer implements PeerHarness.Engine {
    private static final Version VERSION = Version.LUCENE_4_10_4;

    /** Title and body as TextField, plus offsets in the postings: only the postings-highlighter index uses it. */
    private static final FieldType TEXT_WITH_OFFSETS = new FieldType(TextField.TYPE_STORED);

    static {
        TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_WITH_OFFSETS.freeze();
    }

    public static void main(String[] args) throws Exception {
        PeerHarness.run(new Lucene4Peer(), args);
    }

    @Override
    public String id() {
        return "lucene4";
    }

    @Override
    public String name() {
        return "Java Lucene 4.10";
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

    private static Document toDocument(PeerHarness.SeedDoc seed, boolean offsets) {
        Document document = new Document();
        document.add(new StringField("id", seed.id(), Field.Store.YES));
        document.add(new SortedDocValuesField("id", new BytesRef(seed.id())));
        if (offsets) {
            document.add(new Field("title", seed.title(), TEXT_WITH_OFFSETS));
            document.add(new Field("body", seed.body(), TEXT_WITH_OFFSETS));
        } else {
            document.add(new TextField("title", seed.title(), Field.Store.YES));
            document.add(new TextField("body", seed.body(), Field.Store.YES));
        }
        if (seed.day() != null) {
            document.add(new LongField("date", seed.day(), Field.Store.YES));
            document.add(new NumericDocValuesField("date", seed.day()));
        }
        return document;
    }

    @Override
    public void index(Path folder, Path indexDir, int threads) throws Exception {
        index(folder, indexDir, threads, false);
    }

    private static void index(Path folder, Path indexDir, int threads, boolean offsets) throws Exception {
        List<Path> files = PeerHarness.listTxt(folder);
        try (Analyzer analyzer = analyzer();
                Directory directory = new NIOFSDirectory(indexDir.toFile());
                IndexWriter writer = new IndexWriter(directory, config(analyzer))) {
            PeerHarness.forEachParallel(files, threads,
                    file -> writer.addDocument(toDocument(PeerHarness.readSeed(file, PeerHarness.idOf(folder, file)), offsets)));
            writer.commit();
        }
    }

    private static IndexWriterConfig config(Analyzer analyzer) {
        IndexWriterConfig config = new IndexWriterConfig(VERSION, analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity());
        return config;
    }

    @Override
    public long count(Path indexDir) throws Exception {
        try (Directory directory = new NIOFSDirectory(indexDir.toFile()); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }

    @Override
    public PeerHarness.Searcher open(Path folder, Path indexDir, Path scratch) throws Exception {
        Path offsetsDir = java.nio.file.Files.createDirectory(scratch.resolve("query-index-offsets"));
        index(folder, offsetsDir, 1, true);
        return new Searcher(indexDir, offsetsDir);
    }

    private static final class Searcher implements PeerHarness.Searcher {
        private final Directory directory;
        private final DirectoryReader reader;
        private final IndexSearcher searcher;
        private final Directory offsetsDirectory;
        private final DirectoryReader offsetsReader;
        private final IndexSearcher offsetsSearcher;
        private final Analyzer analyzer = analyzer();
        private final PostingsHighlighter postings;

        Searcher(Path indexDir, Path offsetsDir) throws Exception {
            directory = new NIOFSDirectory(indexDir.toFile());
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            offsetsDirectory = new NIOFSDirectory(offsetsDir.toFile());
            offsetsReader = DirectoryReader.open(offsetsDirectory);
            offsetsSearcher = new IndexSearcher(offsetsReader);
            offsetsSearcher.setSimilarity(new BM25Similarity());
            // The classic Highlighter's default limit on analysed characters, so both highlighters see the same text.
            postings = new PostingsHighlighter(Highlighter.DEFAULT_MAX_CHARS_TO_ANALYZE) {
                @Override
                protected BreakIterator getBreakIterator(String field) {
                    return field.equals("title") ? new WholeBreakIterator() : BreakIterator.getSentenceInstance(Locale.ROOT);
                }

                @Override
                protected PassageFormatter getFormatter(String field) {
                    return new DefaultPassageFormatter("<mark>", "</mark>", "... ", true);
                }

                // Without the analyzer the postings highlighter cannot highlight prefix and fuzzy queries.
                @Override
                protected Analyzer getIndexAnalyzer(String field) {
                    return analyzer;
                }
            };
        }

        @Override
        public List<String> modes() {
            return List.of("top10", "highlight", "highlight-postings");
        }

        @Override
        public String support(String mode, PeerHarness.BenchQuery query) {
            return mode.equals("highlight-postings") && query.category().equals("phrase")
                    ? "the postings highlighter marks each word of the phrase wherever it occurs" : null;
        }

        @Override
        public String describe() {
            return reader.leaves().size() + " segments (NIOFSDirectory); highlight-postings: a second index with offsets, "
                    + offsetsReader.leaves().size() + " segments";
        }

        private Query parse(PeerHarness.BenchQuery query) throws Exception {
            return new MultiFieldQueryParser(PeerHarness.FIELDS, analyzer, PeerHarness.BOOSTS).parse(query.text());
        }

        private static Filter filter(PeerHarness.BenchQuery query) {
            return query.hasRange() ? NumericRangeFilter.newLongRange("date", query.fromDay(), query.toDay(), true, true) : null;
        }

        @Override
        public long run(String mode, PeerHarness.BenchQuery benchQuery) throws Exception {
            Query query = parse(benchQuery);
            return switch (mode) {
                case "top10" -> top10(query, filter(benchQuery));
                case "highlight" -> highlight(query, filter(benchQuery));
                case "highlight-postings" -> postingsHighlight(query, filter(benchQuery));
                default -> throw new IllegalArgumentException(mode);
            };
        }

        private long top10(Query query, Filter filter) throws Exception {
            long shown = 0;
            for (ScoreDoc hit : searcher.search(query, filter, 10).scoreDocs) {
                Document document = searcher.doc(hit.doc);
                shown += document.get("id").length() + document.get("title").length() + (document.getField("date") != null ? 1 : 0);
            }
            return shown;
        }

        private long highlight(Query query, Filter filter) throws Exception {
            QueryScorer titleScorer = new QueryScorer(query, "title");
            QueryScorer bodyScorer = new QueryScorer(query, "body");
            SimpleHTMLFormatter formatter = new SimpleHTMLFormatter("<mark>", "</mark>");
            SimpleHTMLEncoder encoder = new SimpleHTMLEncoder();
            Highlighter titleHighlighter = new Highlighter(formatter, encoder, titleScorer);
            titleHighlighter.setTextFragmenter(new NullFragmenter());
            Highlighter bodyHighlighter = new Highlighter(formatter, encoder, bodyScorer);
            bodyHighlighter.setTextFragmenter(new SimpleSpanFragmenter(bodyScorer, PeerHarness.FRAGMENT_SIZE));
            long shown = 0;
            for (ScoreDoc hit : searcher.search(query, filter, 10).scoreDocs) {
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

        private long postingsHighlight(Query query, Filter filter) throws Exception {
            TopDocs top = offsetsSearcher.search(query, filter, 10);
            Map<String, String[]> highlights = postings.highlightFields(PeerHarness.FIELDS, query, offsetsSearcher, top, new int[] {1, 3});
            long shown = 0;
            for (int i = 0; i < top.scoreDocs.length; i++) {
                Document document = offsetsSearcher.doc(top.scoreDocs[i].doc);
                shown += document.get("id").length();
                for (String field : PeerHarness.FIELDS) {
                    String highlighted = highlights.get(field)[i];
                    shown += highlighted == null ? 0 : highlighted.length();
                }
            }
            return shown;
        }

        @Override
        public long totalHits(PeerHarness.BenchQuery benchQuery) throws Exception {
            TotalHitCountCollector counter = new TotalHitCountCollector();
            searcher.search(parse(benchQuery), filter(benchQuery), counter);
            return counter.getTotalHits();
        }

        @Override
        public void close() throws java.io.IOException {
            reader.close();
            directory.close();
            offsetsReader.close();
            offsetsDirectory.close();
            analyzer.close();
        }
    }
}
