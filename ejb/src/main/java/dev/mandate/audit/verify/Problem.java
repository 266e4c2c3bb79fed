package dev.mandate.audit.verify;

/** What is wrong with the first bad record of a chain. */
public enum Problem {
    /** The record's content does not match its hash (a field was changed), or it was rewritten. */
    EDITED,
    /** A record (or checkpoint) that should be there is not. */
    MISSING,
    /** Genuine records in the wrong order (positions exchanged). */
    REORDERED,
    /** A record that was never appended by Mandate (forged, duplicated or from elsewhere). */
    INSERTED,
    /** The chain ends before its head or a signed checkpoint says it does. */
    TRUNCATED,
    /** A checkpoint whose signature, signer or signed content does not verify. */
    BAD_SIGNATURE
}
