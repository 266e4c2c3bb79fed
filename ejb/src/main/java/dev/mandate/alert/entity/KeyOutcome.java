package dev.mandate.alert.entity;

import java.math.BigDecimal;

/**
 * What one evaluation did for one key of a rule.
 *
 * @param outcome FIRED (opened and sent), STILL_FIRING (open alert updated, nothing sent), RESOLVED (back to
 *     normal for a window: resolved and sent), RECOVERING (open, not firing, not yet quiet for a window) or
 *     NORMAL (nothing open, nothing firing); SUPPRESSED: firing within a window of a resolution of the same key,
 *     which that window still holds
 * @param alertId the alert opened, updated or resolved; null when NORMAL
 */
public record KeyOutcome(
        String rule, String key, String outcome, String alertId, BigDecimal value, BigDecimal limit, BigDecimal mean) {}
