package dev.mandate.api.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory of the demo's stand-in tools: each tool's state and the log of effects applied, newest
 * first. In memory on purpose: it plays systems outside Mandate, and a restart starts them empty.
 */
@ApplicationScoped
public class DemoToolStore {

    /** Tools one server plays at most (names are chosen by whoever calls). */
    static final int MAX_TOOLS = 16;

    /** Effects the log keeps. */
    static final int MAX_LOGGED = 1_000;

    /** One effect a stand-in applied, as its log shows it. */
    record AppliedEffect(
            String effectId, String tool, String key, String method, String path, JsonValue received, Instant at) {}

    private final Map<String, DemoTool> tools = new ConcurrentHashMap<>();
    private final Deque<AppliedEffect> log = new ArrayDeque<>();
    private final AtomicLong effectIds = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    /** The tool of that name, created on first use; empty once {@value #MAX_TOOLS} exist. */
    Optional<DemoTool> tool(String name) {
        DemoTool existing = tools.get(name);
        if (existing != null || tools.size() >= MAX_TOOLS) {
            return Optional.ofNullable(existing);
        }
        return Optional.of(tools.computeIfAbsent(name, DemoTool::new));
    }

    /** A new effect's id, logged with what was received. */
    String record(String tool, String key, String method, String path, JsonValue received) {
        String effectId = tool + "-" + effectIds.incrementAndGet();
        total.incrementAndGet();
        synchronized (log) {
            log.addFirst(new AppliedEffect(effectId, tool, key, method, path, received, Instant.now()));
            if (log.size() > MAX_LOGGED) {
                log.removeLast();
            }
        }
        return effectId;
    }

    /** The log, newest first, optionally of one tool; each effect with how often its key was tried. */
    JsonObject effects(String onlyTool) {
        List<AppliedEffect> logged;
        synchronized (log) {
            logged = List.copyOf(log); // a tool's lock is taken below: never while holding the log's
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        logged.stream()
                .filter(effect -> onlyTool == null || onlyTool.equals(effect.tool()))
                .forEach(effect -> items.add(json(effect)));
        return Json.createObjectBuilder()
                .add("items", items)
                .add("total", total.get())
                .build();
    }

    /** Every tool's behaviour and counts. */
    JsonObject tools() {
        var body = Json.createObjectBuilder();
        tools.values().stream()
                .sorted(Comparator.comparing(DemoTool::name))
                .forEach(tool -> body.add(
                        tool.name(),
                        Json.createObjectBuilder()
                                .add("behaviour", tool.behaviour().toJson())
                                .add("effects", tool.effects())
                                .add("reads", tool.reads())));
        return body.build();
    }

    private JsonObject json(AppliedEffect effect) {
        var item = Json.createObjectBuilder()
                .add("effectId", effect.effectId())
                .add("tool", effect.tool())
                .add("method", effect.method())
                .add("path", effect.path())
                .add("received", effect.received())
                .add("appliedAt", effect.at().toString());
        if (effect.key() == null) {
            item.addNull("key");
        } else {
            DemoTool tool = tools.get(effect.tool());
            item.add("key", effect.key()).add("attempts", tool == null ? 1 : tool.attempts(effect.key()));
        }
        return item.build();
    }
}
