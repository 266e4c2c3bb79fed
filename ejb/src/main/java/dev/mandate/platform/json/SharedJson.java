package dev.mandate.platform.json;

import jakarta.json.spi.JsonProvider;

/**
 * The application's one JSON-P provider. Every {@code JSON.createXxx} call looks the provider up again
 * through {@link java.util.ServiceLoader}, which walks the EAR's class loaders; on the decision path
 * that lookup was a fifth of the CPU time (JFR, BENCHMARKS.md). Use {@code JSON.createXxx} instead.
 */
public final class SharedJson {
    public static final JsonProvider JSON = JsonProvider.provider();

    private SharedJson() {}
}
