package dev.mandate.api.json;

/**
 * A request body whose members are all optional, sent by clients that often send none at all (a button's
 * POST from a chat bridge or portal): an empty body reads as an instance with nothing set. Anything sent is
 * read as strictly as any other body.
 */
public interface MayBeEmpty extends RequestBody {}
