package dev.mandate.api.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One demo stand-in tool: the effects it applied per idempotency key (the answer each key got, replayed
 * to its later attempts), how often each key was tried, its reads, and its current behaviour. Guarded by
 * its own lock; waits (delay, hang) happen outside it.
 */
final class DemoTool {

    /** Keys remembered per tool; the oldest go first (a stand-in, not a ledger). */
    static final int MAX_KEYS = 500;

    /** What an action got: the answer, whether it was replayed, and whether it must hang first. */
    record Outcome(String answer, boolean replayed, boolean hang) {}

    private final String name;
    private final Map<String, String> answers = bounded();
    private final Map<String, Integer> attempts = bounded();
    private DemoBehaviour behaviour = DemoBehaviour.NORMAL;
    private int failuresLeft;
    private int hangsLeft;
    private int effects;
    private int reads;

    DemoTool(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized DemoBehaviour behaviour() {
        return behaviour;
    }

    /** Sets the behaviour; its counts (failNext, hangAfterEffect) start afresh. */
    synchronized void behave(DemoBehaviour next) {
        behaviour = next;
        failuresLeft = next.failNext();
        hangsLeft = next.hangAfterEffect();
    }

    /** The status this call fails with, 0 to serve it. */
    synchronized int takeFailure() {
        if (failuresLeft <= 0) {
            return 0;
        }
        failuresLeft--;
        return behaviour.failStatus();
    }

    synchronized int read() {
        return ++reads;
    }

    /**
     * Applies an action: once per key where keys are honoured, every time otherwise or without a key.
     * {@code effect} renders the answer of a new effect and records it.
     */
    synchronized Outcome act(String key, Function<String, String> effect) {
        if (key != null) {
            attempts.merge(key, 1, Integer::sum);
        }
        String stored = key != null && behaviour.honourKeys() ? answers.get(key) : null;
        boolean replayed = stored != null;
        String answer = replayed ? stored : effect.apply(key);
        if (!replayed) {
            effects++;
            if (key != null && behaviour.honourKeys()) {
                answers.put(key, answer);
            }
        }
        boolean hang = hangsLeft > 0;
        if (hang) {
            hangsLeft--;
        }
        return new Outcome(answer, replayed, hang);
    }

    /** The answer a key got; null when nothing was applied under it. */
    synchronized String answerFor(String key) {
        return answers.get(key);
    }

    synchronized int attempts(String key) {
        return attempts.getOrDefault(key, 0);
    }

    synchronized int effects() {
        return effects;
    }

    synchronized int reads() {
        return reads;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}
