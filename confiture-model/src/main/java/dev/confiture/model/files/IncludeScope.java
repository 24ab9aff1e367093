package dev.confiture.model.files;

import java.nio.file.Path;

/**
 * Where schema files may come from: inside {@code project} (the project base directory), unless the
 * environment allows more with {@code allow_external_includes: true}. Every goal that lists schema
 * files ({@link SqlFiles} on disk, and validate from a git tree) applies this one rule: an include
 * outside the project, or a symbolic link under an include that leads outside it, is an error that
 * names the include or the link and its target.
 *
 * @param project      the project base directory
 * @param allowOutside the environment's {@code allow_external_includes}
 * @param configFile   the environment file, named in errors (may be null)
 */
public record IncludeScope(Path project, boolean allowOutside, Path configFile) {

    public IncludeScope {
        project = project.toAbsolutePath().normalize();
    }

    /** Inside {@code project} only, as an environment without {@code allow_external_includes} has it. */
    public static IncludeScope within(Path project) {
        return new IncludeScope(project, false, null);
    }

    /** What to tell a user whose include or link leaves the project. */
    String remedy() {
        return remedy(configFile);
    }

    /** The same advice wherever the rule is applied (on disk here, in a git tree by validate). */
    public static String remedy(Path configFile) {
        return "Move the files into the project (or point the link inside it), or allow includes outside the"
                + " project with 'allow_external_includes: true' in "
                + (configFile == null ? "the environment file" : configFile.toString()) + ".";
    }
}
