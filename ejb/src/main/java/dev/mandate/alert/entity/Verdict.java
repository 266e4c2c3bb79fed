package dev.mandate.alert.entity;

/**
 * What an evaluation found for one key of a rule.
 *
 * @param value the metric in the current window
 * @param events the events (or tasks) behind it, compared with the rule's minimum count
 * @param mean the recent norm: the mean of the baseline windows; NaN without one
 * @param deviation the deviation the limit uses (never below its floor); NaN without a baseline
 * @param limit above this the current window is a spike; NaN without a baseline
 */
public record Verdict(boolean firing, double value, double events, double mean, double deviation, double limit) {}
