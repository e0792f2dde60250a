package io.netspec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a pack jar into a temporary folder, so that {@code rules test} runs the fixtures a jar
 * carries exactly as it runs a folder's. Bounded (entries, bytes) and confined to the folder:
 * a jar is input, and input may be hostile.
 */
final class PackJars {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private PackJars() {}

    static Path unpack(Path jar) throws IOException {
        Path dir = Files.createTempDirectory("netspec-pack-");
        long total = 0;
        int count = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (++count > MAX_ENTRIES) {
                    throw new IOException(jar + ": more than " + MAX_ENTRIES + " entries");
                }
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(jar + ": entry " + entry.getName() + " points outside the jar");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
                    total += content.length;
                    if (total > MAX_BYTES) {
                        throw new IOException(jar + ": more than " + MAX_BYTES / (1024 * 1024) + " MB unpacked");
                    }
                    Files.write(target, content);
                }
            }
        } catch (IOException e) {
            delete(dir);
            throw e;
        }
        return dir;
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
