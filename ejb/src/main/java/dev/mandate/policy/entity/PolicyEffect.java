package dev.mandate.policy.entity;

/** What a fired rule asks for. Declared weakest first: the strongest fired effect wins (DENY > ESCALATE > REQUIRE_APPROVAL > ALLOW). */
public enum PolicyEffect {
    ALLOW,
    REQUIRE_APPROVAL,
    ESCALATE,
    DENY;

    /** The stronger of two effects; {@code null} (nothing fired) is weaker than everything. */
    public static PolicyEffect strongest(PolicyEffect a, PolicyEffect b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
