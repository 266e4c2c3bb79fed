package dev.mandate.policy.control;

import java.util.Map;

/**
 * Everything a rule can see. Maps hold JSON-like values (String, Long/Double, Boolean, List, Map, null);
 * a null map is seen by rules as an empty one.
 */
public record PolicyInput(
        Map<String, Object> envelope,
        Map<String, Object> args,
        Map<String, Object> agent,
        Map<String, Object> task,
        Map<String, Object> budget,
        Map<String, Object> context,
        Map<String, Object> rate) {}
