package dev.mandate.policy.control;

import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one rule's condition is evaluated against a decision's variables. EXPRESSION rules run their CEL
 * program. Template rules (amount cap, domain lists, required fields, rate limit) have fixed shapes and
 * run them in Java, calling the same {@link ArgumentFunctions} their generated CEL calls: CEL's
 * interpreter costs about 0.3 µs and 0.8 KB of garbage per rule even for one comparison (BENCHMARKS.md),
 * the Java check a fraction of that. A template's optional {@code when} stays CEL, but for the common
 * tool/action equality. Either way the stored, versioned expression is the generated CEL, and it is what
 * authoring compiles.
 */
@FunctionalInterface
public interface RuleCondition {

    /**
     * {@code task.tool == 'x'} or {@code envelope.requestedAction.tool == 'x'}, and the same for action;
     * literals without escapes.
     */
    Pattern REQUESTED_EQUALS =
            Pattern.compile("(task|envelope\\.requestedAction)\\.(tool|action) == (?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")");

    /** The condition's value (a Boolean when well-formed); an exception is the rule's error. */
    Object evaluate(CelVariableResolver variables) throws Exception;

    static RuleCondition cel(CelRuntime.Program program) {
        return program::eval;
    }

    /**
     * The most common narrowing, {@code task.tool == 'erp'} (or {@code .action}, or the same read from
     * {@code envelope.requestedAction}),
     * tested in Java: most rules of a large policy are about one tool, so most of them end here for any
     * one envelope. Anything else, and an envelope without such a string, goes to the CEL {@code when}.
     */
    static RuleCondition narrowed(String when, CelRuntime.Program whenProgram, RuleCondition check) {
        RuleCondition cel = narrowed(whenProgram, check);
        Matcher equality = REQUESTED_EQUALS.matcher(when.strip());
        if (!equality.matches()) {
            return cel;
        }
        boolean fromTask = equality.group(1).equals("task");
        String field = equality.group(2);
        String expected = equality.group(3) != null ? equality.group(3) : equality.group(4);
        return variables -> {
            Object requested = fromTask
                    ? map(variables, "task")
                    : map(variables, "envelope").get("requestedAction");
            Object actual = requested instanceof Map<?, ?> action ? action.get(field) : null;
            if (!(actual instanceof String value)) {
                return cel.evaluate(variables);
            }
            return value.equals(expected) ? check.evaluate(variables) : false;
        };
    }

    /**
     * {@code (when) && (check)} with CEL's semantics for {@code &&}: false on either side wins over an error on
     * the other; a non-bool operand is an error.
     */
    static RuleCondition narrowed(CelRuntime.Program when, RuleCondition check) {
        return variables -> {
            Object applies;
            try {
                applies = when.eval(variables);
            } catch (Exception whenFailed) {
                if (Boolean.FALSE.equals(check.evaluate(variables))) {
                    return false;
                }
                throw whenFailed;
            }
            if (!(applies instanceof Boolean)) {
                // CEL has no '&&' for a non-bool operand: an error whatever the other side says
                throw new IllegalArgumentException("no matching overload for '_&&_': 'when' is not a bool");
            }
            return (Boolean) applies ? check.evaluate(variables) : false;
        };
    }

    // the paths and lists are constants of the rule: split here once, not looked up on every evaluation

    static RuleCondition amountAbove(String path, Number max) {
        ArgumentFunctions.Path at = ArgumentFunctions.Path.of(path);
        return variables -> ArgumentFunctions.exceeds(args(variables), at, max);
    }

    static RuleCondition hostsOutside(String path, String domains) {
        ArgumentFunctions.Path at = ArgumentFunctions.Path.of(path);
        List<String> listed = ArgumentFunctions.entries(domains);
        return variables -> ArgumentFunctions.hostsOutside(args(variables), at, listed);
    }

    static RuleCondition hostsWithin(String path, String domains) {
        ArgumentFunctions.Path at = ArgumentFunctions.Path.of(path);
        List<String> listed = ArgumentFunctions.entries(domains);
        return variables -> ArgumentFunctions.hostsWithin(args(variables), at, listed);
    }

    static RuleCondition missingAny(String paths) {
        ArgumentFunctions.Path[] each = ArgumentFunctions.paths(paths);
        return variables -> ArgumentFunctions.missingAny(args(variables), each);
    }

    /** {@code rate["counter"] >= max}: a counter that is not there is an error, as CEL's map lookup makes it. */
    static RuleCondition rateReached(String counter, long max) {
        return variables -> rateReached(variables, counter, max);
    }

    private static boolean rateReached(CelVariableResolver variables, String counter, long max) {
        Map<?, ?> rate = map(variables, "rate");
        if (!rate.containsKey(counter)) {
            throw new IllegalArgumentException("no such key: " + counter);
        }
        Object value = rate.get(counter);
        if (!(value instanceof Number count)) {
            throw new IllegalArgumentException("rate counter '" + counter + "' is not a number");
        }
        return value instanceof Long whole ? whole >= max : count.doubleValue() >= max;
    }

    private static Map<?, ?> args(CelVariableResolver variables) {
        return map(variables, "args");
    }

    private static Map<?, ?> map(CelVariableResolver variables, String name) {
        return variables
                .find(name)
                .filter(Map.class::isInstance)
                .map(Map.class::cast)
                .orElse(Map.of());
    }
}
