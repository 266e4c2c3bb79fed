package dev.mandate.alert.control;

/**
 * One key's figures over a rule's windows.
 *
 * @param key what the figures are about, e.g. {@code tenant}, {@code tool:erp}, {@code budget:AGENT:<id>:DAY}
 * @param current the value in the current window
 * @param events the events (or tasks) behind the current value
 * @param baseline the value in each window before, newest first; NaN for a window without data
 */
public record Measurement(String key, double current, double events, double[] baseline) {}
