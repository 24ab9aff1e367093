package dev.confiture.sql.ddl;

import dev.confiture.model.schema.SchemaModel;
import java.util.List;

/**
 * What lenient interpretation produced: the model, and every diagnostic (unsupported statements,
 * statements referring to missing objects, approximations) in source order. Statements recognised
 * as having no structural effect (INSERT, SET, BEGIN, ...) are listed apart in {@code noEffect}.
 */
public record InterpretResult(SchemaModel model, List<Diagnostic> diagnostics, List<Diagnostic> noEffect) {

    public InterpretResult {
        diagnostics = List.copyOf(diagnostics);
        noEffect = List.copyOf(noEffect);
    }

    /** Diagnostics for statements that were left out of the model (what strict mode refuses). */
    public List<Diagnostic> problems() {
        return diagnostics.stream()
                .filter(d -> d.kind() == Diagnostic.Kind.UNSUPPORTED || d.kind() == Diagnostic.Kind.OBJECT_STATE)
                .toList();
    }
}
