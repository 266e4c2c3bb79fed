package dev.mandate.api.http;

import dev.mandate.platform.error.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Typed query parameters parsed here rather than by JAX-RS, whose conversion failures answer 404
 * instead of the 400 a malformed parameter deserves.
 */
public final class QueryParams {

    private QueryParams() {}

    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "must be an integer");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidRequestException(name, "must be one of " + allowed);
        }
    }

    public static String text(String name, String value, int maxLength, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(name, "must be at most " + maxLength + " characters");
        }
        return value;
    }
}
