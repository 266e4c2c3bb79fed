package dev.mandate.platform.id;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562, section 5.7): 48 bits of Unix time in milliseconds, then 74 random bits. For
 * the ids of rows written on every decision (envelopes, audit records): their text sorts by creation time,
 * so each insert lands at the right edge of the primary key's index instead of on a random page. Random
 * (version 4) keys touch a different page with almost every insert, and after each PostgreSQL checkpoint
 * the first change of every page writes the whole page to the WAL again (BENCHMARKS.md).
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = drbg();

    private TimeOrderedIds() {}

    public static String next() {
        return at(System.currentTimeMillis()).toString();
    }

    static UUID at(long unixMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long mostSignificant = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long leastSignificant = randB & 0x3FFF_FFFF_FFFF_FFFFL | Long.MIN_VALUE;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** The JDK's DRBG: a CSPRNG in Java, without the lock and device read of {@code UUID.randomUUID}'s. */
    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException absent) {
            return new SecureRandom();
        }
    }
}
