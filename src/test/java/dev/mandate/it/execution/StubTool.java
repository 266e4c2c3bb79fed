package dev.mandate.it.execution;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tool of a {@link StubToolServer}: its state (effects applied, per idempotency key; reads) and the
 * behaviours a test sets on it. Every setter is safe to call while requests are being served; each
 * returns this tool, so a test can chain them.
 */
public final class StubTool {

    /** What the tool does after it applied an effect, instead of answering. */
    enum Aftermath {
        ANSWER,
        DROP,
        HANG
    }

    /** The answer an idempotency key got the first time, answered again to every later attempt. */
    record StoredAnswer(String effectId, byte[] body) {}

    private static final String NO_KEY = "";

    private final String name;
    private final AtomicInteger effectIds;
    private final Map<String, StoredAnswer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> effectsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger effects = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    private Duration delay = Duration.ZERO;
    private int failures;
    private int failureStatus;
    private int probeFailures;
    private int probeFailureStatus;
    private int afterEffects;
    private Aftermath aftermath = Aftermath.ANSWER;
    private Duration hang = Duration.ZERO;
    private int hugeBodyBytes;
    private boolean invalidJson;
    private boolean honoursKeys = true;
    private String requiredHeader;
    private String requiredValue;
    private StubTokenEndpoint requiredIssuer;

    StubTool(String name, AtomicInteger effectIds) {
        this.name = name;
        this.effectIds = effectIds;
    }

    public String name() {
        return name;
    }

    /** Waits this long before answering anything (a slow tool). */
    public synchronized StubTool delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The next {@code count} action or read requests answer {@code status}, nothing applied. */
    public synchronized StubTool failNext(int count, int status) {
        this.failures = count;
        this.failureStatus = status;
        return this;
    }

    /** The next {@code count} status probes answer {@code status}. */
    public synchronized StubTool failNextProbes(int count, int status) {
        this.probeFailures = count;
        this.probeFailureStatus = status;
        return this;
    }

    /** The next {@code count} actions apply their effect, then the connection closes without an answer. */
    public synchronized StubTool dropAfterEffect(int count) {
        this.afterEffects = count;
        this.aftermath = Aftermath.DROP;
        return this;
    }

    /** The next {@code count} actions apply their effect, then hang for {@code hang} (past the caller's timeout). */
    public synchronized StubTool hangAfterEffect(int count, Duration hang) {
        this.afterEffects = count;
        this.aftermath = Aftermath.HANG;
        this.hang = hang;
        return this;
    }

    /** Answers a JSON body of exactly {@code bytes} bytes (0: the normal answer). */
    public synchronized StubTool hugeBody(int bytes) {
        this.hugeBodyBytes = bytes;
        return this;
    }

    /** Answers text that is not JSON, with a JSON content type. */
    public synchronized StubTool invalidJson(boolean invalid) {
        this.invalidJson = invalid;
        return this;
    }

    /**
     * Whether the tool honours {@code Idempotency-Key} (the default). A tool that does not applies an
     * effect for every request and cannot be asked by key (its probe answers 501).
     */
    public synchronized StubTool honourKeys(boolean honour) {
        this.honoursKeys = honour;
        return this;
    }

    /** Refuses (401, nothing applied) any request without this header value, e.g. an API key. */
    public synchronized StubTool requireHeader(String header, String value) {
        this.requiredHeader = header;
        this.requiredValue = value;
        return this;
    }

    /** Refuses (401, nothing applied) any request without a bearer token the endpoint issued and that is valid. */
    public synchronized StubTool requireTokenFrom(StubTokenEndpoint issuer) {
        this.requiredIssuer = issuer;
        return this;
    }

    /** Back to a well-behaved tool; what it applied stays. */
    public synchronized StubTool reset() {
        delay = Duration.ZERO;
        failures = 0;
        probeFailures = 0;
        afterEffects = 0;
        aftermath = Aftermath.ANSWER;
        hugeBodyBytes = 0;
        invalidJson = false;
        honoursKeys = true;
        requiredHeader = null;
        requiredIssuer = null;
        return this;
    }

    /** Effects applied under this key (more than one only where the tool ignores keys). */
    public int effects(String key) {
        AtomicInteger count = effectsByKey.get(key == null ? NO_KEY : key);
        return count == null ? 0 : count.get();
    }

    public int totalEffects() {
        return effects.get();
    }

    public int reads() {
        return reads.get();
    }

    synchronized Duration delay() {
        return delay;
    }

    /** The status to fail this request with, 0 to serve it. */
    synchronized int takeFailure() {
        if (failures <= 0) {
            return 0;
        }
        failures--;
        return failureStatus;
    }

    synchronized int takeProbeFailure() {
        if (probeFailures <= 0) {
            return 0;
        }
        probeFailures--;
        return probeFailureStatus;
    }

    synchronized Aftermath takeAftermath() {
        if (afterEffects <= 0) {
            return Aftermath.ANSWER;
        }
        afterEffects--;
        return aftermath;
    }

    synchronized Duration hang() {
        return hang;
    }

    synchronized int hugeBodyBytes() {
        return hugeBodyBytes;
    }

    synchronized boolean answersInvalidJson() {
        return invalidJson;
    }

    synchronized boolean honoursKeys() {
        return honoursKeys;
    }

    synchronized boolean authorizes(RecordedRequest request) {
        if (requiredHeader != null && !requiredValue.equals(request.header(requiredHeader))) {
            return false;
        }
        return requiredIssuer == null || requiredIssuer.isValid(request.header("Authorization"));
    }

    void countRead() {
        reads.incrementAndGet();
    }

    /**
     * Applies the effect of an action once per key (where keys are honoured; a request without a key
     * applies it each time). Answers what the key got: {@code replayed} tells whether that was earlier.
     */
    Applied apply(String key, EffectBody body) {
        if (key == null || !honoursKeys()) {
            return new Applied(applyNow(key, body), false);
        }
        StoredAnswer[] created = new StoredAnswer[1];
        StoredAnswer answer = answers.computeIfAbsent(key, k -> created[0] = applyNow(k, body));
        return new Applied(answer, created[0] == null);
    }

    /** The stored answer of a key; null when nothing was applied under it. */
    StoredAnswer answerFor(String key) {
        return answers.get(key);
    }

    private StoredAnswer applyNow(String key, EffectBody body) {
        String effectId = name + "-" + effectIds.incrementAndGet();
        effects.incrementAndGet();
        effectsByKey
                .computeIfAbsent(key == null ? NO_KEY : key, k -> new AtomicInteger())
                .incrementAndGet();
        return new StoredAnswer(effectId, body.render(effectId, key));
    }

    record Applied(StoredAnswer answer, boolean replayed) {}

    /** Renders an effect's answer once its id is known. */
    @FunctionalInterface
    interface EffectBody {
        byte[] render(String effectId, String key);
    }
}
