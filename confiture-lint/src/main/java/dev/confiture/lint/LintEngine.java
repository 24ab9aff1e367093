package dev.confiture.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.sql.SqlLexer;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlToken;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;

/**
 * Lints migrations in order, each against the schema the migrations before it produce (the DDL
 * interpreter replays them; no database). Findings on tables created in the same migration or in a
 * pending one are left out: nobody uses those tables yet. See docs/lint.md.
 */
public final class LintEngine {

    /** The code of the error for an ignore comment without a reason. */
    public static final String IGNORE_WITHOUT_REASON = "LINT_IGNORE_WITHOUT_REASON";

    private static final Pattern IGNORE = Pattern.compile("--\\s*confiture:lint-ignore\\b[ \\t]*(\\S*)[ \\t]*(.*)");

    private final List<LintRule> rules = List.of(new IndexWithoutConcurrently(), new DropIndexWithoutConcurrently(),
            new ConstraintWithoutNotValid(), new SetNotNullWithoutCheck(), new TypeChangeRewrite(),
            new VolatileDefault(), new RequiredColumnWithoutDefault(), new StoredGeneratedColumn(),
            new UniqueConstraintWithoutIndex(),
            new BreakingRenameOrDrop(), new RewritingMaintenance(), new DetachPartitionWithoutConcurrently(),
            new TruncateCascade(), new ConcurrentlyInTransaction(), new DataChangeWithoutWhere(),
            new BackfillWithDdl());

    /** The ids of every rule, in the order they run. */
    public List<String> ruleIds() {
        return rules.stream().map(LintRule::id).toList();
    }

    public LintReport lint(List<LintMigration> migrations, LintScope scope) {
        DdlInterpreter interpreter = new DdlInterpreter();
        SchemaModel model = SchemaModelBuilder.empty().build();
        Set<QualifiedName> fresh = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        List<Finding> ignored = new ArrayList<>();
        List<String> linted = new ArrayList<>();
        for (LintMigration m : migrations) {
            SchemaModel after = interpreter.interpretLenient(model, List.of(new SqlSource(m.name(), m.text()))).model();
            if (scope.lints(m.name())) {
                linted.add(m.name());
                // the schema after it too: a function the migration creates may be called in it
                lintOne(m, model, FunctionVolatility.of(List.of(model, after)), fresh, scope, findings, ignored);
            }
            if (scope.pending().contains(m.name())) {
                for (QualifiedName t : after.tables().keySet()) {
                    if (!model.tables().containsKey(t)) {
                        fresh.add(t);
                    }
                }
            }
            model = after;
        }
        return new LintReport(linted, findings, ignored);
    }

    /**
     * Lints one migration against {@code before}, the schema the migrations before it produce, and
     * {@code after}, the schema it produces (whose functions' volatility it may use), for a caller
     * that replays the migrations itself and so need not have them interpreted twice (the HTML
     * report). {@code fresh}: the tables nobody uses yet, created by earlier pending migrations.
     * Throws {@link #IGNORE_WITHOUT_REASON} as {@link #lint} does.
     */
    public LintReport lint(LintMigration migration, SchemaModel before, SchemaModel after, Set<QualifiedName> fresh,
                           int postgresVersion) {
        List<Finding> findings = new ArrayList<>();
        List<Finding> ignored = new ArrayList<>();
        lintOne(migration, before, FunctionVolatility.of(List.of(before, after)), Set.copyOf(fresh),
                new LintScope(null, Set.of(), postgresVersion), findings, ignored);
        return new LintReport(List.of(migration.name()), findings, ignored);
    }

    private void lintOne(LintMigration m, SchemaModel before, FunctionVolatility functions, Set<QualifiedName> fresh,
                         LintScope scope, List<Finding> findings, List<Finding> ignored) {
        List<SqlStatement> statements = SqlSplitter.cut(m.text(), Path.of(m.file())).statements();
        List<Ignore> ignores = ignores(m);
        long substantive = statements.stream().filter(s -> !isSessionSetting(s.sql())).count();
        Set<String> validatedHere = new HashSet<>();
        List<StatementContext> contexts = new ArrayList<>();
        SearchPath path = SearchPath.DEFAULT;
        for (SqlStatement st : statements) {
            contexts.add(new StatementContext(m, st, before, fresh, validatedHere, scope.postgresVersion(),
                    substantive > 1, functions, path));
            path = path.after(st.sql());
        }
        MigrationShape shape = MigrationShape.of(contexts);
        int previousEnd = 0;
        for (int i = 0; i < contexts.size(); i++) {
            StatementContext context = contexts.get(i);
            SqlStatement st = context.statement;
            context.placeIn(shape, i);
            for (LintRule rule : rules) {
                rule.check(context);
            }
            int end = st.line() + (int) st.sql().chars().filter(c -> c == '\n').count();
            for (Finding f : context.findings) {
                Ignore ignore = ignoreFor(ignores, f.ruleId(), previousEnd, end);
                if (ignore == null) {
                    findings.add(f);
                } else {
                    ignored.add(f.ignored(ignore.reason()));
                }
            }
            noteValidations(context, validatedHere);
            previousEnd = end;
        }
    }

    /** {@code ALTER TABLE ... VALIDATE CONSTRAINT n}: later statements of the migration may rely on n. */
    private static void noteValidations(StatementContext s, Set<String> validatedHere) {
        for (int i = 0; i + 2 < s.tokens.size(); i++) {
            if (s.is(i, "validate") && s.is(i + 1, "constraint")) {
                validatedHere.add(s.tokens.get(i + 2).value());
            }
        }
    }

    private static boolean isSessionSetting(String sql) {
        List<SqlToken> t = SqlLexer.tokenize(sql);
        return !t.isEmpty() && t.get(0).kind() == SqlToken.Kind.WORD
                && (t.get(0).value().equals("set") || t.get(0).value().equals("reset"));
    }

    private record Ignore(int line, String rule, String reason) {
    }

    /** Every ignore comment of the migration; one without a rule id or a reason is an error naming its line. */
    private static List<Ignore> ignores(LintMigration m) {
        List<Ignore> out = new ArrayList<>();
        String[] lines = m.text().split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = IGNORE.matcher(lines[i]);
            if (!matcher.find()) {
                continue;
            }
            String rule = matcher.group(1).toLowerCase(Locale.ROOT);
            String reason = matcher.group(2).strip();
            if (rule.isEmpty() || reason.isEmpty()) {
                throw new ConfitureException(IGNORE_WITHOUT_REASON, "'" + lines[i].strip() + "' needs a rule id and a"
                        + " reason: -- confiture:lint-ignore <rule-id> <why this is safe here>. The reason is reported"
                        + " with the silenced finding.", Path.of(m.file()), i + 1);
            }
            out.add(new Ignore(i + 1, rule, reason));
        }
        return out;
    }

    /** An ignore comment applies to the statement it stands in or right before (after the previous statement). */
    private static Ignore ignoreFor(List<Ignore> ignores, String rule, int previousEnd, int end) {
        for (Ignore i : ignores) {
            if (i.rule().equals(rule) && i.line() > previousEnd && i.line() <= end) {
                return i;
            }
        }
        return null;
    }
}
