package io.netspec.engine.load;

/**
 * The keys and short scalars {@link BlockYaml} takes from one file, each kept once while the file is composed: a
 * file of manifests says {@code apiVersion}, {@code name}, {@code TCP}, its namespace and its label strings in every
 * document. A repeat costs a hash and a comparison of the bytes instead of a new string (two objects and a copy),
 * and readers that hash or compare the same key again ({@link LabelStrings}, {@link YamlMap#raw}) find its hash
 * already computed in the shared instance.
 *
 * <p>A direct-mapped table: a string evicts the one in its slot, so a file with many distinct strings costs one
 * table's worth of memory and shares less, never more. Only ASCII strings are kept, since only there the scan bytes
 * are the characters. One instance per file being composed, on one thread.
 */
final class FileStrings {

    /** Longer strings (certificates, scripts, long annotations) rarely repeat: they are cut from the text as they are. */
    static final int MAX_LENGTH = 64;

    private static final int SLOTS = 1 << 10;

    private final String[] table = new String[SLOTS];

    /** The chars of {@code text} from {@code from} to {@code to}, whose scan bytes are in {@code scan}. */
    String get(String text, byte[] scan, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return text.substring(from, to);
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            byte b = scan[i];
            if (b < 0) {
                return text.substring(from, to); // not ASCII: the scan byte is not the character
            }
            hash = 31 * hash + b;
        }
        // String.hashCode of the same chars, spread so that short strings do not crowd the low slots
        int slot = (hash ^ (hash >>> 10) ^ (hash >>> 20)) & (SLOTS - 1);
        String known = table[slot];
        if (known != null && known.length() == length && text.regionMatches(from, known, 0, length)) {
            return known;
        }
        String s = text.substring(from, to);
        table[slot] = s;
        return s;
    }
}
