package dev.confiture.git;

import java.util.List;

import dev.confiture.model.schema.SchemaModel;

/** Lists the objects that differ between two models, structurally (column order and formatting aside). */
public interface ModelComparer {

    List<ObjectDifference> compare(SchemaModel left, SchemaModel right);
}
