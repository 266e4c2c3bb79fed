package dev.mandate.eventlog.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.platform.config.ConfigKey;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One event per decision, execution attempt, approval and job run. With {@code mandate.log.format=json}
 * each is one JSON object on one line of its own file ({@code mandate.log.file}), named as Datadog and
 * Splunk read them without parsing rules ({@code timestamp}, {@code level}, {@code message}, {@code
 * service}, {@code trace_id}, ...), numbers as numbers. Otherwise it goes to the server log at FINE
 * (logger {@code dev.mandate.events}), off unless that level is switched on.
 *
 * <p>What an event holds is chosen, never copied from a request: arguments, results, reasons, evidence
 * and other free text are left out; people are named by a digest of their subject, not their address.
 */
@ApplicationScoped
public class EventLog {

    static final Logger TEXT = Logger.getLogger("dev.mandate.events");

    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());

    private FileHandler file;
    private String openPattern;
    private String brokenPattern;

    /** An event under construction; {@link #write()} sends it. Nulls are left out. */
    public final class Event {
        private final JsonObjectBuilder json;
        private final StringBuilder text;
        private final String level;

        private Event(String event, String level, String message) {
            this.level = level;
            json = JSON.createObjectBuilder()
                    .add(
                            "timestamp",
                            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                    .add("level", level)
                    .add("service", "mandate")
                    .add("event", event)
                    .add("message", message);
            text = new StringBuilder(event).append(' ').append(message);
        }

        public Event with(String field, String value) {
            if (value != null) {
                json.add(field, value);
                text.append(' ').append(field).append('=').append(value);
            }
            return this;
        }

        public Event with(String field, long value) {
            json.add(field, value);
            text.append(' ').append(field).append('=').append(value);
            return this;
        }

        public Event with(String field, BigDecimal value) {
            if (value != null) {
                json.add(field, value);
                text.append(' ').append(field).append('=').append(value.toPlainString());
            }
            return this;
        }

        /** A person, as the first 16 hex digits of the SHA-256 of their subject: the same person, no address. */
        public Event person(String field, String subject) {
            return subject == null ? this : with(field, "sha256:" + digest(subject));
        }

        public void write() {
            if (json()) {
                writeJson(json.build().toString());
            } else if (TEXT.isLoggable(Level.FINE)) {
                TEXT.log(Level.FINE, text.toString());
            }
        }
    }

    /** An event to fill in; {@code level} INFO or WARN. */
    public Event event(String event, String level, String message) {
        return new Event(event, level, message);
    }

    /** Whether events are built at all: JSON is on, or the text logger's FINE level. */
    public boolean enabled() {
        return json() || TEXT.isLoggable(Level.FINE);
    }

    private static boolean json() {
        return "json".equalsIgnoreCase(ConfigKey.LOG_FORMAT.lookup(String.class).orElse("text"));
    }

    private synchronized void writeJson(String line) {
        try {
            String pattern = pattern();
            if (pattern.equals(brokenPattern)) {
                TEXT.log(Level.FINE, line);
                return;
            }
            if (file == null || !pattern.equals(openPattern)) {
                close();
                Path parent = Path.of(pattern).getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                long max = ConfigKey.LOG_FILE_MAX_MB.get(Long.class) * 1024 * 1024;
                file = new FileHandler(pattern, (int) Math.min(Integer.MAX_VALUE, max), 5, true);
                file.setEncoding(StandardCharsets.UTF_8.name());
                file.setFormatter(new Formatter() {
                    @Override
                    public String format(LogRecord record) {
                        return record.getMessage() + "\n";
                    }
                });
                openPattern = pattern;
            }
            file.publish(new LogRecord(Level.INFO, line));
        } catch (IOException | RuntimeException failed) {
            brokenPattern = pattern();
            LOG.log(
                    Level.WARNING,
                    "the JSON event log " + brokenPattern + " cannot be written; until mandate.log.file changes,"
                            + " events go to the server log at FINE (logger dev.mandate.events)",
                    failed);
            TEXT.log(Level.FINE, line);
        }
    }

    private static String pattern() {
        return ConfigKey.LOG_FILE.lookup(String.class).filter(p -> !p.isBlank()).orElseGet(() -> Path.of(
                        System.getProperty("com.sun.aas.instanceRoot", "."), "logs", "mandate-events.%g.json")
                .toString());
    }

    @PreDestroy
    synchronized void close() {
        if (file != null) {
            file.close();
            file = null;
            openPattern = null;
        }
    }

    static String digest(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
