package dev.mandate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs asadmin against the test domain, for tests that change server configuration. */
public final class Asadmin {

    private static final String BINARY = System.getProperty("mandate.it.asadmin");
    private static final String PORT = System.getProperty("mandate.it.admin-port", "28048");

    private Asadmin() {}

    public static String run(String... arguments) {
        return runOn(PORT, arguments);
    }

    /** Runs asadmin against the domain whose admin port is {@code port} (the H2 domain's, say). */
    public static String runOn(String port, String... arguments) {
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", port, "--interactive=false"));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin timed out: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin failed: " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sets a server system property (MP Config reads it; the test domain does not cache config). */
    public static void setProperty(String name, String value) {
        run("create-system-properties", name + "=" + value.replace(":", "\\:"));
    }

    /** Removes a server system property set by {@link #setProperty}. */
    public static void removeProperty(String name) {
        run("delete-system-property", name);
    }
}
