package dev.confiture.git;

import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;

/**
 * Points a finding at a file a user would open: among the files that changed in the range, the
 * first that names the object (its own name, preferring a file that also names its table), else
 * one that names its table, else none. This only chooses where to look; whether something
 * changed is decided by the models.
 */
final class Attribution {

    private final List<GitFile> candidates;
    private final BlobReader blobs;
    /** The names every finding may ask about, by hash code, so scanning a file allocates nothing per word. */
    private final Map<Integer, List<String>> wanted = new HashMap<>();
    /** Cheap filters before hashing a word: the lengths and first characters of the wanted names. */
    private final java.util.BitSet lengths = new java.util.BitSet();
    private final java.util.BitSet firsts = new java.util.BitSet();
    /** Per candidate file, which wanted names it spells: computed once, files can be tens of megabytes. */
    private final Map<String, Set<String>> found = new HashMap<>();

    Attribution(List<GitFile> candidates, BlobReader blobs, List<ObjectRef> objects) {
        this.candidates = candidates;
        this.blobs = blobs;
        for (ObjectRef object : objects) {
            for (String name : names(object)) {
                List<String> sameHash = wanted.computeIfAbsent(name.hashCode(), h -> new java.util.ArrayList<>());
                if (!sameHash.contains(name) && !name.isEmpty()) {
                    sameHash.add(name);
                    lengths.set(name.length());
                    firsts.set(name.charAt(0));
                }
            }
        }
    }

    String fileFor(ObjectRef object) {
        if (candidates.isEmpty()) {
            return null;
        }
        List<String> names = names(object);
        GitFile own = null;
        GitFile related = null;
        for (GitFile f : candidates) {
            Set<String> spelled = spelled(f);
            boolean ownName = spelled.contains(names.get(names.size() - 1));
            if (ownName && spelled.containsAll(names)) {
                return f.path();
            }
            if (ownName && own == null) {
                own = f;
            }
            if (related == null && names.stream().anyMatch(spelled::contains)) {
                related = f;
            }
        }
        GitFile best = own != null ? own : related;
        return best == null ? null : best.path();
    }

    /** The wanted names that occur in a file as whole words (or as quoted identifiers), case aside. */
    private Set<String> spelled(GitFile file) {
        return found.computeIfAbsent(file.path(), p -> {
            Set<String> hits = new HashSet<>();
            String text = blobs.text(file).toLowerCase(Locale.ROOT);
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                int start;
                int end;
                if (c == '"') {
                    start = i + 1;
                    end = text.indexOf('"', start);
                    end = end < 0 ? n : end;
                    i = end + 1;
                } else if (isWordChar(c)) {
                    start = i;
                    while (i < n && isWordChar(text.charAt(i))) {
                        i++;
                    }
                    end = i;
                } else {
                    i++;
                    continue;
                }
                if (end <= start || !lengths.get(end - start) || !firsts.get(text.charAt(start))) {
                    continue;
                }
                int hash = 0;
                for (int k = start; k < end; k++) {
                    hash = 31 * hash + text.charAt(k);
                }
                List<String> candidatesForHash = wanted.get(hash);
                if (candidatesForHash != null) {
                    for (String name : candidatesForHash) {
                        if (name.length() == end - start && text.regionMatches(start, name, 0, name.length())) {
                            hits.add(name);
                        }
                    }
                }
            }
            return hits;
        });
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    /**
     * The identifiers a file would spell for an object, schema left out, object's own name last:
     * {@code public.users.phone} -> users, phone; {@code trg on public.users} -> users, trg.
     */
    private static List<String> names(ObjectRef object) {
        String identity = object.identity();
        int paren = identity.indexOf('(');
        if (paren >= 0) {
            identity = identity.substring(0, paren);
        }
        List<String> names = new java.util.ArrayList<>();
        int on = identity.indexOf(" on ");
        if (on >= 0) {
            names.add(last(identity.substring(on + 4)));
            names.add(Identifiers.fold(identity.substring(0, on).trim()).toLowerCase(Locale.ROOT));
            return names;
        }
        String[] parts = identity.split("\\.");
        int first = parts.length > 1 && object.kind() != ObjectRef.Kind.SCHEMA ? 1 : 0;
        for (int i = first; i < parts.length; i++) {
            names.add(Identifiers.fold(parts[i].trim()).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String last(String qualified) {
        String[] parts = qualified.split("\\.");
        return Identifiers.fold(parts[parts.length - 1].trim()).toLowerCase(Locale.ROOT);
    }

}
