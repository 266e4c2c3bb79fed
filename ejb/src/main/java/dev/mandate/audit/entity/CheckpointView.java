package dev.mandate.audit.entity;

/**
 * One signed checkpoint of a chain: after {@code recordSequence} records the chain's head hash was
 * {@code headHash}. Checkpoints form a chain of their own ({@code previousCheckpointHash}), and each is
 * a JWS (RS256) whose payload is its {@link CanonicalForm#checkpoint canonical form}.
 */
public record CheckpointView(
        String tenant,
        int chain,
        long number,
        long recordSequence,
        String headHash,
        String sealedAt,
        String previousCheckpointHash,
        String keyId,
        String hash,
        String signature) {}
