package dev.mandate.agent.entity;

/**
 * Through which door a change to an agent came. A suspension remembers it: the identity provider (SCIM)
 * may lift only a suspension it made itself, never one an administrator made during an incident.
 */
public enum ChangeSource {
    /** an administrator, through {@code /api/v1} */
    API,
    /** the identity provider's provisioning connector, through {@code /scim/v2} */
    SCIM
}
