package dev.mandate.decision.control;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A read-only map whose values are computed on first use and then kept. The policy input's rate
 * counters are one: they cost count queries, and only rules that read {@code rate} need them.
 * Not thread-safe; it lives for one decision.
 */
public final class OnDemandMap extends AbstractMap<String, Object> {

    private final Supplier<Map<String, Object>> source;
    private Map<String, Object> values;

    public OnDemandMap(Supplier<Map<String, Object>> source) {
        this.source = source;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return computedValues().entrySet();
    }

    @Override
    public Object get(Object key) {
        return computedValues().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return computedValues().containsKey(key);
    }

    private Map<String, Object> computedValues() {
        if (values == null) {
            values = Map.copyOf(source.get());
        }
        return values;
    }
}
