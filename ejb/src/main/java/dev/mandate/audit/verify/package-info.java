/**
 * Verification of Mandate's audit trail without a container: the verifier that walks chains and
 * checkpoints and names the first bad record, the JSON Lines export format and the offline command. The
 * canonical form records and checkpoints are hashed over, and the views of them verified here, are the
 * audit's entities ({@link dev.mandate.audit.entity.CanonicalForm}). Only the JDK, nimbus-jose-jwt and
 * those plain classes are used, so {@link dev.mandate.audit.verify.OfflineAuditVerifier} runs from a plain
 * classpath. The server's {@code GET /api/v1/audit/verify} uses the same {@link
 * dev.mandate.audit.verify.AuditVerifier}.
 */
package dev.mandate.audit.verify;
