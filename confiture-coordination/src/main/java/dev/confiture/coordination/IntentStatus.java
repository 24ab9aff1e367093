package dev.confiture.coordination;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an intent is in its life: REGISTERED -> IN_PROGRESS -> COMPLETED, or ABANDONED from any
 * active state. The store enforces the transitions (see {@link StoreFunctions}).
 */
public enum IntentStatus {
    REGISTERED, IN_PROGRESS, COMPLETED, ABANDONED;

    /** The states other agents must coordinate with; conflicts are only computed against these. */
    public static final Set<IntentStatus> ACTIVE = EnumSet.of(REGISTERED, IN_PROGRESS);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
