/**
 * Verification of Mandate's audit trail without a container: the canonical form records and
 * checkpoints are hashed over, the verifier that walks chains and checkpoints and names the first bad
 * record, the JSON Lines export format and the offline command. Only the JDK and nimbus-jose-jwt are
 * used here, so {@link dev.mandate.audit.verify.OfflineAuditVerifier} runs from a plain classpath. The
 * server's {@code GET /api/v1/audit/verify} uses the same {@link dev.mandate.audit.verify.AuditVerifier}.
 */
package dev.mandate.audit.verify;
