package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confiture.model.schema.SchemaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every schema file of the corpus (CONFITURE_CORPUS, skipped when unset) interprets in strict
 * mode, and the lenient run prints its diagnostic counts (surefire's -output.txt keeps them).
 */
class DdlCorpusTest {

    static List<Path> corpusFiles() throws IOException {
        String dir = System.getenv("CONFITURE_CORPUS");
        assumeTrue(dir != null && !dir.isBlank(), "CONFITURE_CORPUS is not set");
        Path root = Path.of(dir);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.equals("a.sql") || n.equals("b.sql") || p.getParent().getFileName().toString().equals("schemas")
                        && n.endsWith(".sql");
            }).sorted().forEach(files::add);
        }
        return files;
    }

    static SqlSource source(Path p) throws IOException {
        return new SqlSource(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
    }

    @Test
    void everyCorpusFileInterpretsWithoutProblems() throws IOException {
        List<Path> files = corpusFiles();
        DdlInterpreter interpreter = new DdlInterpreter();
        int problems = 0;
        int notes = 0;
        int noEffect = 0;
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            InterpretResult r = interpreter.interpretLenient(SchemaModel.empty(), List.of(source(file)));
            problems += r.problems().size();
            notes += r.diagnostics().size() - r.problems().size();
            noEffect += r.noEffect().size();
            r.diagnostics().forEach(d -> lines.add(d.toString()));
        }
        System.out.println("corpus files: " + files.size() + ", problems: " + problems + ", notes: " + notes
                + ", no-effect statements: " + noEffect);
        lines.forEach(System.out::println);
        assertThat(lines.stream().filter(l -> l.contains(": UNSUPPORTED: ") || l.contains(": OBJECT_STATE: ")))
                .isEmpty();
        for (Path file : files) {
            interpreter.interpret(SchemaModel.empty(), List.of(source(file)));
        }
    }
}
