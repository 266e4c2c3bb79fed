package dev.mandate.connector.control;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigValue;

/** MicroProfile Config lookups as Payara answers them, over maps standing for its sources. */
final class ConfigValues {

    private ConfigValues() {}

    /** Password aliases, system properties and files first (exact names), then environment variables. */
    static Function<String, ConfigValue> payara(Map<String, String> exact, Map<String, String> environment) {
        return name -> {
            if (exact.containsKey(name)) {
                return value(name, exact.get(name), "Password Alias");
            }
            String underscored = name.replaceAll("[^A-Za-z0-9]", "_");
            for (String candidate : new String[] {name, underscored, underscored.toUpperCase(Locale.ROOT)}) {
                if (environment.containsKey(candidate)) {
                    return value(name, environment.get(candidate), "Environment");
                }
            }
            return value(name, null, null);
        };
    }

    static ConfigValue value(String name, String value, String source) {
        return new ConfigValue() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getValue() {
                return value;
            }

            @Override
            public String getRawValue() {
                return value;
            }

            @Override
            public String getSourceName() {
                return source;
            }

            @Override
            public int getSourceOrdinal() {
                return 0;
            }
        };
    }
}
