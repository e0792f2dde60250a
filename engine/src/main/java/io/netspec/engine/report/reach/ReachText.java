package io.netspec.engine.report.reach;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ReachTable;
import io.netspec.engine.model.Printable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The text format of {@link ReachRenderers#text} written straight to bytes, for the whole table (no
 * filter): each endpoint id and each connection text is encoded once, and a line is a few copies of
 * those bytes. Consecutive sources form chunks that worker threads render while the calling thread
 * writes the finished chunks in order, so the output is the same bytes whatever the thread count.
 *
 * <p>Memory: at most {@link #WINDOW_PER_THREAD} chunks per thread are rendered ahead of the writer, and
 * a chunk's size follows the lines per source seen so far ({@link #CHUNK_BYTES} each).
 */
public final class ReachText {

    /** About this many bytes per chunk, once the average line count per source is known. */
    static final int CHUNK_BYTES = 1 << 20;

    static final int WINDOW_PER_THREAD = 3;

    private static final int MAX_SOURCES_PER_CHUNK = 4096;
    private static final int FIRST_CHUNK_SOURCES = 8;
    /** Connection texts a worker keeps encoded before it starts over (cells are interned: few distinct). */
    private static final int CONNECTION_CACHE_LIMIT = 1 << 16;

    private static final byte[] ARROW = " => ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COLON = " : ".getBytes(StandardCharsets.US_ASCII);

    private final ReachTable table;
    private final byte[][] sourceIds;
    private final byte[][] destinationIds;

    private ReachText(ReachTable table, byte[][] sourceIds, byte[][] destinationIds) {
        this.table = table;
        this.sourceIds = sourceIds;
        this.destinationIds = destinationIds;
    }

    /**
     * The writer of {@code table}, or empty when an endpoint id is not well-formed UTF-16 (a lone
     * surrogate from an escape in the YAML): a file writer reports that and standard output replaces
     * it, so such a table goes through {@link ReachRenderers#text} and the caller's {@code Writer}.
     */
    public static Optional<ReachText> of(ReachTable table) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        byte[][] destinations = new byte[table.destinations().size()][];
        for (int d = 0; d < destinations.length; d++) {
            destinations[d] = encode(table.destinationId(d), encoder);
            if (destinations[d] == null) {
                return Optional.empty();
            }
        }
        byte[][] sources = new byte[table.sources().size()][];
        for (int s = 0; s < sources.length; s++) {
            int d = table.destinationOf(s); // a workload: the same id as a destination
            sources[s] = d >= 0 ? destinations[d] : encode(table.sourceId(s), encoder);
            if (sources[s] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new ReachText(table, sources, destinations));
    }

    /** The id as printed ({@link Printable#line}) in UTF-8; null when it holds a lone surrogate. */
    private static byte[] encode(String id, CharsetEncoder encoder) {
        // names come from the manifests: control characters are shown, never obeyed by the terminal
        String text = Printable.line(id);
        boolean surrogates = false;
        for (int i = 0; i < text.length() && !surrogates; i++) {
            surrogates = Character.isSurrogate(text.charAt(i));
        }
        if (!surrogates) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text)); // pairs encode; a lone one throws
            return Arrays.copyOf(bytes.array(), bytes.limit());
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Writes every line to {@code out} (not flushed) with {@code threads} rendering threads (1: this thread alone). */
    public void write(OutputStream out, int threads) throws IOException {
        write(out, threads, CHUNK_BYTES);
    }

    /** As {@link #write(OutputStream, int)}, with chunks of about {@code chunkBytes} (tests cut them small). */
    void write(OutputStream out, int threads, int chunkBytes) throws IOException {
        Chunker chunker = new Chunker(chunkBytes);
        if (threads <= 1) {
            Worker worker = new Worker();
            byte[] buffer = null;
            for (int[] range = chunker.next(); range != null; range = chunker.next()) {
                Rendered rendered = worker.render(range[0], range[1], buffer);
                out.write(rendered.bytes, 0, rendered.length);
                chunker.done(range, rendered.length);
                buffer = rendered.bytes;
            }
            return;
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "netspec-reach-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);
        ArrayDeque<Chunk> pending = new ArrayDeque<>();
        // written chunks' buffers, reused: only this thread touches the queue
        ArrayDeque<byte[]> spare = new ArrayDeque<>();
        try {
            int window = threads * WINDOW_PER_THREAD;
            int[] range = chunker.next();
            while (range != null || !pending.isEmpty()) {
                while (range != null && pending.size() < window) {
                    int[] r = range;
                    byte[] into = spare.poll();
                    pending.add(new Chunk(r, pool.submit(() -> workers.get().render(r[0], r[1], into))));
                    range = chunker.next();
                }
                Chunk chunk = pending.poll();
                Rendered rendered = get(chunk.future);
                out.write(rendered.bytes, 0, rendered.length);
                chunker.done(chunk.range, rendered.length);
                spare.add(rendered.bytes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Rendered get(Future<Rendered> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the reach lines");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    private record Chunk(int[] range, Future<Rendered> future) {}

    private record Rendered(byte[] bytes, int length) {}

    /**
     * Cuts the sources into consecutive ranges of about {@link #CHUNK_BYTES} each, by the bytes per
     * source of the chunks written so far (the first chunks are small, to learn it).
     */
    private final class Chunker {
        private final int chunkBytes;
        private int next;
        private long bytesDone;
        private long sourcesDone;

        Chunker(int chunkBytes) {
            this.chunkBytes = chunkBytes;
        }

        /** The next range {@code [from, to)}, or null after the last source. */
        int[] next() {
            int n = table.sources().size();
            if (next >= n) {
                return null;
            }
            long perSource = sourcesDone == 0 ? 0 : Math.max(1, bytesDone / sourcesDone);
            int count = perSource == 0
                    ? FIRST_CHUNK_SOURCES
                    : (int) Math.max(1, Math.min(MAX_SOURCES_PER_CHUNK, chunkBytes / perSource));
            int from = next;
            next = (int) Math.min(n, (long) from + count);
            return new int[] {from, next};
        }

        void done(int[] range, int bytes) {
            bytesDone += bytes;
            sourcesDone += range[1] - range[0];
        }
    }

    /** One thread's rendering state: its cursor, its buffer and its encoded connection texts. */
    private final class Worker {
        private final ReachTable.Cursor cursor = table.cursor();
        private final Map<ConnectionSet, byte[]> connections = new IdentityHashMap<>();
        private byte[] buffer;
        private int length;

        /** Renders sources {@code from..to-1} into {@code into} when given (it grows as needed), else a new buffer. */
        Rendered render(int from, int to, byte[] into) {
            buffer = into != null ? into : new byte[CHUNK_BYTES];
            length = 0;
            for (int s = from; s < to; s++) {
                byte[] source = sourceIds[s];
                cursor.lines(s, (d, c) -> line(source, destinationIds[d], connection(c)));
            }
            Rendered out = new Rendered(buffer, length);
            buffer = null; // the chunk owns it now
            return out;
        }

        private byte[] connection(ConnectionSet c) {
            byte[] text = connections.get(c);
            if (text == null) {
                if (connections.size() >= CONNECTION_CACHE_LIMIT) {
                    connections.clear();
                }
                text = c.toString().getBytes(StandardCharsets.UTF_8);
                connections.put(c, text);
            }
            return text;
        }

        private void line(byte[] source, byte[] destination, byte[] connection) {
            int size = source.length + ARROW.length + destination.length + COLON.length + connection.length + 1;
            if (length + size > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + size));
            }
            byte[] b = buffer;
            int at = length;
            System.arraycopy(source, 0, b, at, source.length);
            at += source.length;
            System.arraycopy(ARROW, 0, b, at, ARROW.length);
            at += ARROW.length;
            System.arraycopy(destination, 0, b, at, destination.length);
            at += destination.length;
            System.arraycopy(COLON, 0, b, at, COLON.length);
            at += COLON.length;
            System.arraycopy(connection, 0, b, at, connection.length);
            at += connection.length;
            b[at++] = '\n';
            length = at;
        }
    }
}
