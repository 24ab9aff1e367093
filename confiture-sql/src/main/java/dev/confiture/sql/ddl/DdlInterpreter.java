package dev.confiture.sql.ddl;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.sql.MigrationScript;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline reader of SQL schema files: applies DDL statements, in order, to a
 * {@link SchemaModel}, as PostgreSQL would apply them to a database. Used by {@code validate}
 * (schema files from git trees), by {@code diff} in offline mode, and by coordination (which
 * objects a statement touches).
 *
 * <p>Every statement is accounted for: it changes the model, or it is recognised as having no
 * structural effect (data, transaction control, session settings other than search_path,
 * maintenance, DO blocks: listed in {@link InterpretResult#noEffect()}), or it is reported. Strict
 * {@link #interpret} throws {@link ConfitureException} with code {@code DDL_UNSUPPORTED} (not
 * understood) or {@code DDL_OBJECT_STATE} (PostgreSQL would refuse it: missing or duplicate object)
 * naming the file and line; {@link #interpretLenient} collects the same as diagnostics.
 *
 * <p>Equivalent SQL gives equal models: formatting, comments, keyword case, quoting of names that
 * need no quotes, {@code INT4}/{@code integer}, unqualified vs qualified names, constraints inline
 * vs added by ALTER TABLE all come out the same (see docs/ddl-interpreter.md for the spellings).
 */
public final class DdlInterpreter {

    private final String role;

    /** An interpreter that does not know which role runs the files. */
    public DdlInterpreter() {
        this(null);
    }

    /**
     * An interpreter for files run by {@code role} (null: unknown), who owns what they create without
     * {@code OWNER TO}: its grants to itself on those are its owner's privileges, not model grants.
     */
    public DdlInterpreter(String role) {
        this.role = role;
    }

    /** Strict: the first statement not understood (or refused) stops with a {@link ConfitureException}. */
    public SchemaModel interpret(SchemaModel start, List<SqlSource> sources) {
        return run(start, sources, true, false).model();
    }

    /**
     * Strict, for a migration file: as {@link #interpret}, and first refuses what no migration may
     * contain ({@link MigrationScript}: transaction control, psql meta-commands) with the same error,
     * file and line the runner gives, so {@code validate} judges a migration as {@code migrate} does.
     */
    public SchemaModel interpretMigration(SchemaModel start, SqlSource migration) {
        MigrationReplay replay = replayMigrations(start);
        replay.apply(migration);
        return replay.model();
    }

    /**
     * Migrations applied one after the other to one model, each as {@link #interpretMigration} would
     * apply it to the model the one before produced, without copying the model between them:
     * {@code validate} replays the range's migrations this way, and one copy of a large model per
     * migration was most of its time beyond reading the schema files.
     */
    public MigrationReplay replayMigrations(SchemaModel start) {
        return new MigrationReplay(start, role);
    }

    /**
     * A model being changed by migrations, in order (see {@link #replayMigrations}). After an
     * {@link #apply} that threw, the model holds part of that migration: use it no further.
     */
    public static final class MigrationReplay {
        private final Interpretation st;
        private final Statements statements;
        private SchemaModel model;

        private MigrationReplay(SchemaModel start, String role) {
            this.st = new Interpretation(OnTableComments.forInterpreting(start), false);
            st.role = role;
            this.statements = new Statements(st);
            this.model = start;
        }

        /** Applies one migration strictly, as {@link #interpretMigration} does (the same errors, file and line). */
        public void apply(SqlSource migration) {
            if (model != null) {
                // model() left the comments in the model's spelling: back to the interpreter's, as a new run would
                OnTableComments.toInterpreting(st.model, model);
                model = null;
            }
            applyAll(st, statements, List.of(migration), true, true);
        }

        /** The model with every migration applied so far. */
        public SchemaModel model() {
            if (model == null) {
                AccessDdl.dropOwnersGrants(st);
                model = OnTableComments.forModel(st.model);
            }
            return model;
        }
    }

    /** Lenient: statements not understood are skipped and reported as diagnostics. */
    public InterpretResult interpretLenient(SchemaModel start, List<SqlSource> sources) {
        return run(start, sources, false, false);
    }

    /**
     * The objects each statement of {@code sql} creates, alters, drops, renames, comments on or
     * grants on, without needing them to exist (unknown tables and columns are assumed). Statements
     * that cannot be read contribute nothing ({@link #readTouchedObjects(String)} lists them).
     */
    public static List<TouchedObject> touchedObjects(String sql) {
        return readTouchedObjects(sql).objects();
    }

    /** What {@link #readTouchedObjects(String)} found: the objects, and the statements it could not read. */
    public record Touched(List<TouchedObject> objects, List<Diagnostic> unreadable) {
        public Touched {
            objects = List.copyOf(objects);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * As {@link #touchedObjects(String)}, and each statement that could not be read (an
     * {@link Diagnostic.Kind#UNSUPPORTED} or {@link Diagnostic.Kind#OBJECT_STATE} diagnostic with its
     * line), for callers that must not take "touches nothing" for an answer.
     */
    public static Touched readTouchedObjects(String sql) {
        Interpretation st = new Interpretation(SchemaModelBuilder.empty(), true);
        Statements statements = new Statements(st);
        List<Diagnostic> unreadable = new java.util.ArrayList<>();
        for (SqlStatement s : split(sql)) {
            st.line = s.line();
            List<Token> tokens = Token.tokenize(s.sql());
            st.excerpt = excerpt(tokens);
            try {
                statements.apply(tokens);
            } catch (UnsupportedDdl | IllegalArgumentException e) {
                unreadable.add(new Diagnostic("", st.line, e.getMessage(), st.excerpt, Diagnostic.Kind.UNSUPPORTED));
            } catch (ObjectStateError e) {
                unreadable.add(new Diagnostic("", st.line, e.getMessage(), st.excerpt, Diagnostic.Kind.OBJECT_STATE));
            }
        }
        return new Touched(st.touched, unreadable);
    }

    private InterpretResult run(SchemaModel start, List<SqlSource> sources, boolean strict, boolean migrations) {
        Interpretation st = new Interpretation(OnTableComments.forInterpreting(start), false);
        st.role = role;
        applyAll(st, new Statements(st), sources, strict, migrations);
        AccessDdl.dropOwnersGrants(st);
        return new InterpretResult(OnTableComments.forModel(st.model), st.diagnostics, st.noEffect);
    }

    private static void applyAll(Interpretation st, Statements statements, List<SqlSource> sources, boolean strict,
                                 boolean migrations) {
        for (SqlSource source : sources) {
            st.source = source.name();
            st.searchPath(List.of("public"));
            for (SqlStatement s : migrations ? MigrationScript.split(source.text(), Path.of(source.name()))
                    : split(source, st, strict)) {
                st.line = s.line();
                List<Token> tokens = Token.tokenize(s.sql());
                st.excerpt = excerpt(tokens);
                try {
                    statements.apply(tokens);
                } catch (UnsupportedDdl e) {
                    report(st, strict, Diagnostic.Kind.UNSUPPORTED, e.getMessage());
                } catch (ObjectStateError e) {
                    report(st, strict, Diagnostic.Kind.OBJECT_STATE, e.getMessage());
                } catch (IllegalArgumentException e) {
                    report(st, strict, Diagnostic.Kind.UNSUPPORTED, e.getMessage());
                }
            }
        }
    }

    private static void report(Interpretation st, boolean strict, Diagnostic.Kind kind, String reason) {
        if (strict) {
            String code = kind == Diagnostic.Kind.UNSUPPORTED ? "DDL_UNSUPPORTED" : "DDL_OBJECT_STATE";
            String advice = kind == Diagnostic.Kind.UNSUPPORTED
                    ? "Write it in a form the interpreter supports (see docs/ddl-interpreter.md), or move it out "
                    + "of the schema files into a migration."
                    : "PostgreSQL would refuse this statement at this point: check the order of the schema files "
                    + "and the object names.";
            throw new ConfitureException(code, "cannot interpret '" + st.excerpt + "': " + reason + ". " + advice,
                    Path.of(st.source), st.line, false, null);
        }
        st.diagnostics.add(new Diagnostic(st.source, st.line, reason, st.excerpt, kind));
    }

    /**
     * {@code text} with each run of whitespace (as the regular expression {@code \s}: space, tab,
     * newline, vertical tab, form feed, carriage return) made one space. Most tokens hold none and come
     * back as they are: this runs for every token of every statement read (a coordination check reads
     * its SQL on every call), where a regular expression compiled per token was most of the excerpt's cost.
     */
    static String oneLine(String text) {
        int first = 0;
        while (first < text.length() && !isSpace(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, first);
        boolean inRun = false;
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                sb.append(c);
                inRun = false;
            } else if (!inRun) {
                sb.append(' ');
                inRun = true;
            }
        }
        return sb.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The statement's first words, on one line, for messages. */
    static String excerpt(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            String text = oneLine(t.text());
            sb.append(text.length() > 40 ? text.substring(0, 37) + "..." : text);
            if (sb.length() > 60) {
                sb.append(" ...");
                break;
            }
        }
        return sb.toString();
    }

    static List<SqlStatement> split(String script) {
        return SqlSplitter.split(script);
    }

    /** The source's statements; a script the splitter cannot cut (an unterminated quote) fails in strict mode. */
    private static List<SqlStatement> split(SqlSource source, Interpretation st, boolean strict) {
        try {
            return SqlSplitter.split(source.text(), Path.of(source.name()));
        } catch (ConfitureException e) {
            if (strict) {
                throw e;
            }
            st.diagnostics.add(new Diagnostic(source.name(), e.line(), e.bareMessage(), "", Diagnostic.Kind.UNSUPPORTED));
            return List.of();
        }
    }
}
