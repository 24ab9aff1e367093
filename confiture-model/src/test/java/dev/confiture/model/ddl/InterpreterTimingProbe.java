package dev.confiture.model.ddl;

import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.sql.SqlSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpreterTimingProbe {
    @Test
    void probe() throws Exception {
        String dir = System.getenv("CONFITURE_CORPUS");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null && System.getenv("PROBE") != null);
        String sql = Files.readString(Path.of(dir, "schemas/musicbrainz.sql"));
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            int n = SqlSplitter.split(sql).size();
            long t1 = System.nanoTime();
            new DdlInterpreter().interpretLenient(SchemaModel.empty(), List.of(new SqlSource("m.sql", sql)));
            long t2 = System.nanoTime();
            java.util.Map<String, Long> byKind = new java.util.HashMap<>();
            Interpretation st = new Interpretation(dev.confiture.model.schema.SchemaModelBuilder.empty(), false);
            Statements statements = new Statements(st);
            for (var s : SqlSplitter.split(sql)) {
                long a = System.nanoTime();
                List<Token> tokens = Lexer.tokenize(s.sql());
                long b = System.nanoTime();
                try {
                    statements.apply(tokens);
                } catch (RuntimeException e) {
                    // ignore
                }
                long c = System.nanoTime();
                byKind.merge("lex", b - a, Long::sum);
                String k = tokens.size() > 2 ? tokens.get(0).value() + " " + tokens.get(1).value() + " " + tokens.get(2).value() : "x";
                byKind.merge(k, c - b, Long::sum);
            }
            byKind.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                    .forEach(e -> System.out.println("  " + e.getKey() + " " + e.getValue() / 1_000_000 + " ms"));
            System.out.println("split " + n + " " + (t1 - t0) / 1_000_000 + " ms, interpret " + (t2 - t1) / 1_000_000 + " ms");
        }
    }
}
