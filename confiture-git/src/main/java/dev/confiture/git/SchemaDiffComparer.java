package dev.confiture.git;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.diff.Change;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;

/**
 * The product's one diff engine as the judge: {@link SchemaDiff#compare} lists the changes from
 * one model to the other; each changed object becomes one difference, with what each model says
 * about it and the diff's own words for the change.
 */
public final class SchemaDiffComparer implements ModelComparer {

    @Override
    public List<ObjectDifference> compare(SchemaModel left, SchemaModel right) {
        List<Change> changes = SchemaDiff.compare(left, right).changes();
        if (changes.isEmpty()) {
            return List.of();
        }
        Map<ObjectRef, List<String>> byObject = new LinkedHashMap<>();
        for (Change change : changes) {
            byObject.computeIfAbsent(change.object(), o -> new ArrayList<>()).add(change.description());
        }
        Map<ObjectRef, String> leftSays = ObjectDescriptions.of(left);
        Map<ObjectRef, String> rightSays = ObjectDescriptions.of(right);
        List<ObjectDifference> out = new ArrayList<>();
        byObject.forEach((object, descriptions) -> out.add(new ObjectDifference(object,
                side(leftSays, left, object), side(rightSays, right, object), String.join("; ", descriptions))));
        return out;
    }

    private static String side(Map<ObjectRef, String> says, SchemaModel model, ObjectRef object) {
        String described = says.get(object);
        if (described != null) {
            String grants = ObjectDescriptions.grants(model, object);
            return grants == null ? described : described + " (" + grants + ")";
        }
        String grants = ObjectDescriptions.grants(model, object);
        String comment = model.comments().get(object);
        if (grants != null || comment != null) {
            return (grants == null ? "" : grants) + (grants != null && comment != null ? ", " : "")
                    + (comment == null ? "" : "comment '" + comment + "'");
        }
        return ObjectDifference.ABSENT;
    }
}
