package dev.confiture.git;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;

/**
 * Points a finding at a file a user would open: among the files that changed in the range, the
 * first that names the object (its own name, preferring a file that also names its table). This
 * only chooses where to look; whether something changed is decided by the models.
 */
final class Attribution {

    private Attribution() {
    }

    static String fileFor(ObjectRef object, List<GitFile> candidates, BlobReader blobs) {
        List<String> names = names(object);
        if (candidates.isEmpty()) {
            return null;
        }
        GitFile partial = null;
        for (GitFile f : candidates) {
            String text = blobs.text(f).toLowerCase(Locale.ROOT);
            boolean own = mentions(text, names.get(names.size() - 1));
            if (own && names.stream().allMatch(n -> mentions(text, n))) {
                return f.path();
            }
            if (own && partial == null) {
                partial = f;
            }
        }
        return (partial != null ? partial : candidates.get(0)).path();
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

    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])").matcher(text).find();
    }
}
