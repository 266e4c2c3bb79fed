package dev.mandate.agent.entity;

/**
 * What an identity provider keeps about an agent beyond Mandate's own attributes: a display name, the
 * work email (searchable) and the rest of the directory's record as JSON (given back, never acted on).
 */
public record DirectoryAttributes(String displayName, String email, String json) {

    public static final DirectoryAttributes NONE = new DirectoryAttributes(null, null, null);
}
