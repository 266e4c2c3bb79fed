package dev.mandate.audit.control;

import dev.mandate.audit.entity.AuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Makes an entry fit to be recorded: required fields present, identifiers within their column sizes,
 * free text and the agent's own identifiers (task and trace id) redacted ({@link PiiRedactor}), and only
 * then cut to size, so nothing that straddles the cut survives in part. Every caller's text is cut here:
 * callers pass it whole. A broken entry is a programming error
 * (IllegalArgumentException): the caller's transaction, and with it the change, rolls back.
 */
public final class AuditEntries {

    static final int MAX_SUMMARY = 2000;
    static final int MAX_DETAIL_VALUE = 1000;
    static final int MAX_DETAILS = 7000;
    static final int MAX_RULE_IDS = 1800;

    private static final Pattern GENERATED_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{32}");

    private AuditEntries() {}

    public static AuditEntry sanitise(AuditEntry entry) {
        if (entry == null) {
            throw new IllegalArgumentException("audit entry is required");
        }
        List<String> ruleIds = new ArrayList<>();
        int ruleIdLength = 2;
        for (String ruleId : entry.ruleIds() == null ? List.<String>of() : entry.ruleIds()) {
            String checked = identifier("ruleIds[]", ruleId, 200, true);
            ruleIdLength += checked.length() + 3;
            if (ruleIdLength > MAX_RULE_IDS) {
                throw new IllegalArgumentException("too many rule ids for one audit record");
            }
            ruleIds.add(checked);
        }
        Map<String, String> details = new TreeMap<>();
        int detailLength = 2;
        if (entry.details() != null) {
            for (Map.Entry<String, String> detail : entry.details().entrySet()) {
                String key = identifier("details key", detail.getKey(), 100, true);
                String value = cut(PiiRedactor.redactValue(key, detail.getValue()), MAX_DETAIL_VALUE);
                detailLength += key.length() + (value == null ? 4 : value.length()) + 6;
                if (detailLength > MAX_DETAILS) {
                    value = "[TRUNCATED]";
                }
                details.put(key, value);
            }
        }
        return new AuditEntry(
                identifier("tenant", entry.tenant(), 63, true),
                identifier("actor", entry.actor(), 256, true),
                identifier("agentId", entry.agentId(), 128, false),
                redacted(entry.taskId(), 128),
                redacted(entry.traceId(), 128),
                identifier("action", entry.action(), 100, true),
                identifier("outcome", entry.outcome(), 32, true),
                List.copyOf(ruleIds),
                cut(PiiRedactor.redact(entry.inputSummary()), MAX_SUMMARY),
                identifier("policyVersion", entry.policyVersion(), 100, false),
                details);
    }

    private static String identifier(String name, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new IllegalArgumentException("audit entry needs " + name);
            }
            return null;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException("audit entry " + name + " is longer than " + max + " characters");
        }
        return value;
    }

    /**
     * An identifier the caller chose (task and trace ids are the agent's own text): redacted like free
     * text unless it has the shape of a generated id (UUID, W3C trace id), which no personal data has,
     * then cut to its column (never cut first: part of an e-mail at the cut would survive).
     */
    private static String redacted(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (GENERATED_ID.matcher(value).matches()) {
            return value;
        }
        return cut(PiiRedactor.redact(value), max);
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
