import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The protocol of the peer harness (see benchmarks/peers/README.md) for the JVM engines; the same steps, the same
 * options and the same result lines as peer_protocol.py and PeerProtocol.cs, so only the engine differs.
 * Compiled together with one engine class per Lucene major version, because their APIs differ.
 */
final class PeerHarness {
    private PeerHarness() {
    }

    /** .NET's DateOnly.DayNumber counts days from 0001-01-01, which is epoch day -719,162: every engine indexes the same numbers. */
    static final long DAY_NUMBER_OF_EPOCH = 719_162L;

    /** The fields a query searches, and their boosts: the title weighs as the library weighs it (RawLucene.TitleBoost). */
    static final String[] FIELDS = {"title", "body"};

    static final Map<String, Float> BOOSTS = Map.of("title", 1.25f, "body", 1f);

    /** The length of a highlighted body passage, as QueryBenchmarks asks for. */
    static final int FRAGMENT_SIZE = 160;

    /** "Lucene 4.10.4 (jar 4.10.4)": the version the code reports, and the one its jar's manifest names. */
    static String luceneVersion(Object latest, Package lucene) {
        String jar = lucene.getImplementationVersion();
        return "Lucene " + latest + " (jar " + (jar == null ? "?" : jar.split(" ")[0]) + ")";
    }

    /** One parsed seed document; day is null when the header has no date. */
    record SeedDoc(String id, String title, String body, Long day) {
    }

    /** One query of the set: category, Lucene-syntax text, optional inclusive day-number bounds. */
    record BenchQuery(String category, String text, Long fromDay, Long toDay) {
        boolean hasRange() {
            return fromDay != null || toDay != null;
        }
    }

    /** What an engine must do; everything else (timing, warm-up, output) is the harness's. */
    interface Engine {
        String id();

        String name();

        String version();

        /** Whether it indexes with several threads; the Java engines all do. */
        default boolean multiThreaded() {
            return true;
        }

        /** Lists, reads, parses, analyses and indexes every *.txt under folder into the empty indexDir, then commits and closes. */
        void index(Path folder, Path indexDir, int threads) throws Exception;

        long count(Path indexDir) throws Exception;

        /** Opens the query index (built by index() from the 1x folder); may build extra indexes it needs under scratch. */
        Searcher open(Path folder, Path indexDir, Path scratch) throws Exception;
    }

    /** Runs queries against one open index. */
    interface Searcher extends AutoCloseable {
        /** The measured modes, e.g. top10, highlight. */
        List<String> modes();

        /** Null when the engine runs this query in this mode as the others do; else a short note ("n/a: ..." skips it). */
        default String support(String mode, BenchQuery query) {
            return null;
        }

        /** One search as the mode says; returns a number derived from what was loaded, so no work can be skipped. */
        long run(String mode, BenchQuery query) throws Exception;

        /** Exact number of matching documents, outside any timing: checks that every engine matches the same set. */
        long totalHits(BenchQuery query) throws Exception;

        /** Describes the query index (segments), for the result notes. */
        String describe();

        @Override
        void close() throws IOException;
    }

    static volatile long sink;

    // ---- seed format, as src/Search/Documents/SeedDocumentReader.cs reads it ----

    private static final Pattern DATE_HEADER =
            Pattern.compile("^\\s*date\\s+(?<date>[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2})(?:\\s+(?<title>.*))?$");
    private static final Pattern STRICT_DATE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

    static SeedDoc readSeed(Path file, String id) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IOException(file + ": binary content (NUL byte at offset " + i + ").");
            }
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": invalid UTF-8.", e);
        }
        return parse(file, id, text);
    }

    private static SeedDoc parse(Path file, String id, String text) throws IOException {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            if (!line.isBlank()) {
                String body = lineEnd < text.length() ? text.substring(lineEnd + 1) : "";
                Matcher header = DATE_HEADER.matcher(line);
                if (!header.matches()) {
                    return new SeedDoc(id, line.strip(), trimBlankLines(body), null);
                }
                String date = header.group("date");
                if (!STRICT_DATE.matcher(date).matches()) {
                    throw new IOException(file + ": the header date '" + date + "' is not in the form YYYY-MM-DD.");
                }
                String title = header.group("title");
                long day = LocalDate.parse(date).toEpochDay() + DAY_NUMBER_OF_EPOCH;
                return new SeedDoc(id, title == null ? "" : title.strip(), trimBlankLines(body), day);
            }
            lineStart = lineEnd + 1;
        }
        throw new IOException(file + ": the file is empty.");
    }

    private static String trimBlankLines(String body) {
        int start = 0;
        while (true) {
            int lineEnd = body.indexOf('\n', start);
            if (lineEnd < 0 || !body.substring(start, lineEnd).isBlank()) {
                break;
            }
            start = lineEnd + 1;
        }
        return body.substring(start).stripTrailing();
    }

    // ---- files and threads ----

    static List<Path> listTxt(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).toList();
        }
    }

    /** The id of a file: its path below the folder without ".txt", with '/' separators. */
    static String idOf(Path folder, Path file) {
        String relative = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return relative.substring(0, relative.length() - 4);
    }

    interface FileAction {
        void accept(Path file) throws Exception;
    }

    /** Hands the files out one at a time to the given number of threads, as Parallel.ForEach does on the .NET side. */
    static void forEachParallel(List<Path> files, int threads, FileAction action) throws Exception {
        if (threads == 1) {
            for (Path file : files) {
                action.accept(file);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < files.size()) {
                    try {
                        action.accept(files.get(i));
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    // ---- the protocol ----

    static void run(Engine engine, String[] args) throws Exception {
        Path x1 = Path.of(option(args, "--x1", null));
        Path x4 = Path.of(option(args, "--x4", null));
        Path queries = Path.of(option(args, "--queries", null));
        Path output = Path.of(option(args, "--output", null));
        int runs = Integer.parseInt(option(args, "--runs", "5"));
        double warmupSeconds = Double.parseDouble(option(args, "--warmup-seconds", "2"));
        double querySeconds = Double.parseDouble(option(args, "--query-seconds", "1"));
        Path scratch = Files.createTempDirectory("peer-" + engine.id() + "-");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            emit(out, "engine", engine.id(), engine.name(), engine.version());
            emit(out, "protocol", Integer.toString(runs), Double.toString(warmupSeconds), Double.toString(querySeconds));
            emit(out, "note", "runtime: Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                    + "), default JVM options, heap max " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
            List<int[]> configs = new ArrayList<>();
            configs.add(new int[] {1, 1});
            configs.add(new int[] {4, 1});
            if (engine.multiThreaded()) {
                configs.add(new int[] {4, 2});
            }
            for (int[] config : configs) {
                measureIndexing(engine, config[0] == 1 ? x1 : x4, config[0], config[1], runs, scratch, out);
            }
            measureQueries(engine, x1, loadQueries(queries), warmupSeconds, querySeconds, scratch, out);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void measureIndexing(Engine engine, Path folder, int scale, int threads, int runs, Path scratch, PrintWriter out)
            throws Exception {
        List<Path> files = listTxt(folder);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        List<Double> seconds = new ArrayList<>();
        long indexed = -1;
        for (int run = 0; run <= runs; run++) {
            Path indexDir = Files.createDirectory(scratch.resolve("index-" + scale + "x" + threads + "-" + run));
            System.gc();
            long start = System.nanoTime();
            engine.index(folder, indexDir, threads);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (run == runs) {
                indexed = engine.count(indexDir);
            }
            deleteTree(indexDir);
            if (run > 0) {
                seconds.add(elapsed);
            }
            System.err.printf(Locale.ROOT, "%s index %dx %d thread(s) %s: %.2f s%n", engine.id(), scale, threads, run == 0 ? "warm-up" : "run " + run, elapsed);
        }
        List<String> each = seconds.stream().map(s -> String.format(Locale.ROOT, "%.4f", s)).toList();
        emit(out, "index", Integer.toString(scale), Integer.toString(threads), Integer.toString(files.size()), Long.toString(bytes),
                String.format(Locale.ROOT, "%.4f", median(seconds)), String.join(",", each), Long.toString(indexed));
    }

    private static void measureQueries(Engine engine, Path x1, List<BenchQuery> queries, double warmupSeconds, double querySeconds,
            Path scratch, PrintWriter out) throws Exception {
        Path indexDir = Files.createDirectory(scratch.resolve("query-index"));
        engine.index(x1, indexDir, 1);
        try (Searcher searcher = engine.open(x1, indexDir, scratch)) {
            emit(out, "query-index", searcher.describe());
            long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            int passes = 0;
            do {
                for (String mode : searcher.modes()) {
                    for (BenchQuery query : queries) {
                        if (!skipped(searcher.support(mode, query))) {
                            sink += searcher.run(mode, query);
                        }
                    }
                }
                passes++;
            } while (passes < 3 || System.nanoTime() < warmupEnd);
            emit(out, "note", "query warm-up: " + passes + " passes over the set");
            for (String mode : searcher.modes()) {
                for (BenchQuery query : queries) {
                    String support = searcher.support(mode, query);
                    if (skipped(support)) {
                        emit(out, "query", mode, query.category(), "", "0", "", support);
                        continue;
                    }
                    long reps = 0;
                    long start = System.nanoTime();
                    long limit = start + (long) (querySeconds * 1e9);
                    long now;
                    do {
                        sink += searcher.run(mode, query);
                        reps++;
                        now = System.nanoTime();
                    } while (now < limit || reps < 3);
                    double meanMs = (now - start) / 1e6 / reps;
                    emit(out, "query", mode, query.category(), String.format(Locale.ROOT, "%.4f", meanMs), Long.toString(reps),
                            Long.toString(searcher.totalHits(query)), support == null ? "" : support);
                    System.err.printf(Locale.ROOT, "%s %s %s: %.3f ms (%d reps)%n", engine.id(), mode, query.category(), meanMs, reps);
                }
            }
        }
    }

    private static boolean skipped(String support) {
        return support != null && support.startsWith("n/a");
    }

    static List<BenchQuery> loadQueries(Path file) throws IOException {
        List<BenchQuery> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String[] parts = line.split("\t", -1);
            queries.add(new BenchQuery(parts[0], parts[1], day(parts, 2), day(parts, 3)));
        }
        return queries;
    }

    private static Long day(String[] parts, int index) {
        return parts.length > index && !parts[index].isEmpty() ? LocalDate.parse(parts[index]).toEpochDay() + DAY_NUMBER_OF_EPOCH : null;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void emit(PrintWriter out, String... fields) {
        out.println(String.join("\t", fields));
        out.flush();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return fallback;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
