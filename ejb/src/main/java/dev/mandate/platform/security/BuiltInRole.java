package dev.mandate.platform.security;

import java.util.Set;

/** Values of the token's {@code groups} claim that Mandate itself understands. */
public final class BuiltInRole {
    public static final String ADMIN = "mandate-admin";
    public static final String AGENT = "mandate-agent";
    public static final String APPROVER = "mandate-approver";
    public static final String AUDITOR = "mandate-auditor";
    public static final String SCIM_PROVISIONER = "scim-provisioner";

    public static final Set<String> ALL = Set.of(ADMIN, AGENT, APPROVER, AUDITOR, SCIM_PROVISIONER);

    private BuiltInRole() {}
}
