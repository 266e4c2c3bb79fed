package dev.mandate.metrics.control;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The series of one metric, one handle per set of label values, made once and found again by a map
 * lookup. At most {@code cap} sets of values get a series of their own: past that, the labels that come
 * from configuration or callers (tenant, tool, task type, job) read {@code other} and the enumerated ones
 * (outcome, status) stay, so a flood of new tool keys costs one series per outcome, not one per key.
 */
final class Series<H> {

    static final String OTHER = "other";
    static final String NONE = "none";

    private final IntSupplier cap;
    private final boolean[] folds;
    private final Function<List<String>, H> create;
    private final Map<List<String>, H> handles = new ConcurrentHashMap<>();
    private int own;

    /**
     * @param cap read when a new set of values comes (never on the way of one that has its series)
     * @param folds per label, in order: true where an unknown value folds into {@code other} past the cap
     */
    Series(IntSupplier cap, boolean[] folds, Function<List<String>, H> create) {
        this.cap = cap;
        this.folds = folds.clone();
        this.create = create;
    }

    /** The handle of these label values (null reads {@code none}). */
    H of(String... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = NONE;
            }
        }
        H handle = handles.get(Arrays.asList(values));
        return handle != null ? handle : create(Arrays.asList(values));
    }

    /** How many series were made, the {@code other} ones included. */
    int size() {
        return handles.size();
    }

    private synchronized H create(List<String> values) {
        H handle = handles.get(values);
        if (handle != null) {
            return handle;
        }
        if (own < cap.getAsInt()) {
            own++;
            handle = create.apply(values);
            handles.put(values, handle);
            return handle;
        }
        String[] folded = values.toArray(String[]::new);
        for (int i = 0; i < folded.length; i++) {
            if (folds[i]) {
                folded[i] = OTHER;
            }
        }
        return handles.computeIfAbsent(List.of(folded), create);
    }
}
