package dev.confiture.coordination;

import java.util.List;

/** Another agent's active intent with those of its objects that may overlap a candidate's. */
public record ActiveIntentObjects(String intentId, String agentId, String featureName, String branch,
                                  List<ChangedObject> objects) {

    public ActiveIntentObjects {
        objects = List.copyOf(objects);
    }
}
