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
    /** Each candidate's words (identifiers, lower case), built once: findings can be many and files huge. */
    private final Map<String, Set<String>> words = new HashMap<>();

    Attribution(List<GitFile> candidates, BlobReader blobs) {
        this.candidates = candidates;
        this.blobs = blobs;
    }

    String fileFor(ObjectRef object) {
        if (candidates.isEmpty()) {
            return null;
        }
        List<String> names = names(object);
        GitFile own = null;
        GitFile related = null;
        for (GitFile f : candidates) {
            Set<String> text = words(f);
            boolean ownName = text.contains(names.get(names.size() - 1));
            if (ownName && text.containsAll(names)) {
                return f.path();
            }
            if (ownName && own == null) {
                own = f;
            }
            if (related == null && names.stream().anyMatch(text::contains)) {
                related = f;
            }
        }
        GitFile best = own != null ? own : related;
        return best == null ? null : best.path();
    }

    private Set<String> words(GitFile file) {
        return words.computeIfAbsent(file.path(), p -> {
            Set<String> set = new HashSet<>();
            String text = blobs.text(file);
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '"') {
                    // A quoted identifier is one word, kept as written.
                    int end = text.indexOf('"', i + 1);
                    end = end < 0 ? n : end;
                    set.add(text.substring(i + 1, end).toLowerCase(Locale.ROOT));
                    i = end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                            || text.charAt(i) == '$')) {
                        i++;
                    }
                    set.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                } else {
                    i++;
                }
            }
            return set;
        });
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
