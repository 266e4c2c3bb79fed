package dev.mandate.audit.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which of a tenant's chains a record goes to: a stable hash of the agent (or, without one, the actor)
 * modulo the number of chains. Records about one agent stay in one chain, in order; different agents
 * spread over the chains and do not wait on each other's lock.
 */
public final class ChainShards {

    public static final int MAX_SHARDS = 1024;

    private ChainShards() {}

    public static int shard(String agentId, String actor, int shards) {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("mandate.audit.shards must be between 1 and " + MAX_SHARDS);
        }
        String key = agentId != null && !agentId.isBlank() ? "agent:" + agentId : "actor:" + actor;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            int value = ((digest[0] & 0xff) << 24)
                    | ((digest[1] & 0xff) << 16)
                    | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
            return Math.floorMod(value, shards);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
