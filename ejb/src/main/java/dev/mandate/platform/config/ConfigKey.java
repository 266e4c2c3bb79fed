package dev.mandate.platform.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.mandate.platform.cache.Caches;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every MicroProfile Config key Mandate reads, in one place. Defaults live in the EJB jar's
 * {@code META-INF/microprofile-config.properties}; deployments override them with system properties
 * or environment variables.
 */
public enum ConfigKey {
    JWT_TENANT_CLAIM("mandate.jwt.tenant-claim"),
    JWT_CLOCK_SKEW_SECONDS("mandate.jwt.clock-skew-seconds"),
    JWT_ISSUER("mp.jwt.verify.issuer"),
    JWT_AUDIENCES("mp.jwt.verify.audiences"),
    JWT_PUBLIC_KEY_LOCATION("mp.jwt.verify.publickey.location"),
    JWT_ALGORITHM("mp.jwt.verify.publickey.algorithm"),
    JWT_EXPIRY_SKEW_SECONDS("mp.jwt.verify.clock.skew"),
    JWT_VERIFIED_CACHE_SECONDS("mandate.jwt.verified-cache-seconds"),
    DEV_TOKENS_ENABLED("mandate.dev-tokens.enabled"),
    DEV_TOKENS_SIGNING_KEY_LOCATION("mandate.dev-tokens.signing-key-location"),
    DEV_TOKENS_MAX_TTL_SECONDS("mandate.dev-tokens.max-ttl-seconds"),
    CONSOLE_OIDC_AUTHORIZATION_ENDPOINT("mandate.console.oidc.authorization-endpoint"),
    CONSOLE_OIDC_TOKEN_ENDPOINT("mandate.console.oidc.token-endpoint"),
    CONSOLE_OIDC_CLIENT_ID("mandate.console.oidc.client-id"),
    CONSOLE_OIDC_SCOPE("mandate.console.oidc.scope"),
    CONSOLE_OIDC_LOGOUT_ENDPOINT("mandate.console.oidc.logout-endpoint"),
    DEMO_ENABLED("mandate.demo.enabled"),
    DEMO_TENANT("mandate.demo.tenant"),
    DEMO_TOOLS_BASE_URL("mandate.demo.tools-base-url"),
    API_MAX_BODY_BYTES("mandate.api.max-body-bytes"),
    API_PAGE_DEFAULT_LIMIT("mandate.api.page.default-limit"),
    API_PAGE_MAX_LIMIT("mandate.api.page.max-limit"),
    PLATFORM_OPERATOR_TENANT("mandate.platform.operator-tenant"),
    ENVELOPE_MAX_ARGUMENT_DEPTH("mandate.envelope.max-argument-depth"),
    IDEMPOTENCY_IN_FLIGHT_SECONDS("mandate.idempotency.in-flight-seconds"),
    IDEMPOTENCY_KEEP_HOURS("mandate.idempotency.keep-hours"),
    HOUSEKEEPING_INTERVAL_SECONDS("mandate.housekeeping.interval-seconds"),
    AUDIT_SHARDS("mandate.audit.shards"),
    AUDIT_SIGNING_KEY_LOCATION("mandate.audit.signing-key-location"),
    AUDIT_SEAL_INTERVAL_SECONDS("mandate.audit.seal-interval-seconds"),
    AUDIT_WITNESS_DIRECTORY("mandate.audit.witness.directory"),
    AUDIT_WITNESS_URL("mandate.audit.witness.url"),
    SCIM_MAX_PAYLOAD_BYTES("mandate.scim.max-payload-bytes"),
    SCIM_BULK_MAX_OPERATIONS("mandate.scim.bulk.max-operations"),
    SCIM_MAX_RESULTS("mandate.scim.max-results"),
    SCIM_MAX_TIER("mandate.scim.max-tier"),
    EXECUTION_POLL_MILLIS("mandate.execution.poll-millis"),
    APPROVALS_CLOCK_MILLIS("mandate.approvals.clock-millis"),
    EXECUTION_WORKERS("mandate.execution.workers"),
    EXECUTION_CLAIMERS("mandate.execution.claimers"),
    EXECUTION_CALLBACK_HOSTS("mandate.execution.callback-hosts"),
    EXECUTION_MAX_QUEUED_SECONDS("mandate.execution.max-queued-seconds"),
    EXECUTION_BREAKER_FAILURES("mandate.execution.breaker.failures"),
    EXECUTION_BREAKER_OPEN_SECONDS("mandate.execution.breaker.open-seconds"),
    NOTIFICATIONS_POLL_MILLIS("mandate.notifications.poll-millis"),
    NOTIFICATIONS_MAX_ATTEMPTS("mandate.notifications.max-attempts"),
    ALERTS_INTERVAL_SECONDS("mandate.alerts.interval-seconds"),
    JOBS_TIMEZONE("mandate.jobs.timezone"),
    JOBS_HEARTBEAT_SECONDS("mandate.jobs.heartbeat-seconds"),
    JOBS_SERVER_LEASE_SECONDS("mandate.jobs.server-lease-seconds"),
    RETENTION_AUDIT_SUMMARY_DAYS("mandate.retention.audit-summary-days"),
    ROLLUP_DAYS("mandate.rollup.days"),
    ROLLUP_STATEMENT_TIMEOUT_SECONDS("mandate.rollup.statement-timeout-seconds"),
    REPLAY_MAX_ENVELOPES("mandate.replay.max-envelopes"),
    DRIFT_SUCCESS_RATE_DROP("mandate.drift.success-rate-drop"),
    DRIFT_ESCALATION_RATE_RISE("mandate.drift.escalation-rate-rise"),
    DRIFT_DENIAL_RATE_RISE("mandate.drift.denial-rate-rise"),
    DRIFT_COST_PER_TASK_RISE("mandate.drift.cost-per-task-rise"),
    EVALS_MAX_IMPORT_BYTES("mandate.evals.max-import-bytes"),
    EVALS_MAX_CASES("mandate.evals.max-cases"),
    EVALS_ENDPOINT_TIMEOUT_MILLIS("mandate.evals.endpoint-timeout-millis"),
    EVALS_GATE_THRESHOLD_POINTS("mandate.evals.gate.threshold-points"),
    EVALS_GATE_ALPHA("mandate.evals.gate.alpha"),
    READINESS_EVAL_DAYS("mandate.readiness.eval-days"),
    READINESS_DATA_DAYS("mandate.readiness.data-days"),
    READINESS_AUDIT_MAX_AGE_HOURS("mandate.readiness.audit-max-age-hours"),
    METRICS_MAX_SERIES("mandate.metrics.max-series"),
    METRICS_SCRAPER("mandate.metrics.scraper"),
    METRICS_GAUGE_REFRESH_SECONDS("mandate.metrics.gauge-refresh-seconds"),
    LOG_FORMAT("mandate.log.format"),
    LOG_FILE("mandate.log.file"),
    LOG_FILE_MAX_MB("mandate.log.file-max-mb");

    /** Payara's own setting for how long it caches config values; 0 (tests) reads afresh every time. */
    private static final String CACHE_SECONDS = "mp.config.cache.duration";

    private static final long DEFAULT_CACHE_SECONDS = 60;

    private static final String VALUES_CACHE = "config.values";

    /**
     * Each key's value as last read (one entry per key). The entry carries its own deadline rather than
     * using Caffeine's expiry: half a dozen lookups per decision, and Caffeine's expiring read measured
     * about three times the cost of this one (BENCHMARKS.md).
     */
    private static final Cache<ConfigKey, Cached> VALUES =
            Caches.named(VALUES_CACHE).build();

    private static final StatsCounter VALUES_STATS = Caches.counter(VALUES_CACHE);

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * The current value, cached as long as Payara caches config values ({@value #CACHE_SECONDS}): a
     * lookup through Payara's config costs about 0.1 ms even when Payara has it cached, and the decision
     * path reads half a dozen keys per request.
     */
    public <T> Optional<T> lookup(Class<T> type) {
        Cached current = VALUES.asMap().get(this); // read quietly: one past its time is a miss, counted here
        long now = System.nanoTime();
        if (current != null && current.type == type && now < current.expiresAt) {
            VALUES_STATS.recordHits(1);
            return current.value.map(type::cast);
        }
        VALUES_STATS.recordMisses(1);
        Config config = ConfigProvider.getConfig();
        Optional<T> value = config.getOptionalValue(key, type);
        long seconds = config.getOptionalValue(CACHE_SECONDS, Long.class).orElse(DEFAULT_CACHE_SECONDS);
        if (seconds > 0) {
            VALUES.put(this, new Cached(type, value.map(Object.class::cast), now + TimeUnit.SECONDS.toNanos(seconds)));
        }
        return value;
    }

    /** Job {@code job}'s schedule, {@code mandate.jobs.<job>.schedule}: a key per job, so not one of these. */
    public static Optional<String> jobSchedule(String job) {
        return ConfigProvider.getConfig().getOptionalValue(jobScheduleKey(job), String.class);
    }

    public static String jobScheduleKey(String job) {
        return "mandate.jobs." + job + ".schedule";
    }

    public <T> T get(Class<T> type) {
        return lookup(type).orElseThrow(() -> new IllegalStateException("missing configuration: " + key));
    }

    private record Cached(Class<?> type, Optional<Object> value, long expiresAt) {}
}
