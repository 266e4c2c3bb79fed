package dev.mandate.audit.control;

import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.verify.ExportFormat;
import dev.mandate.audit.verify.WitnessDirectory;
import dev.mandate.platform.config.ConfigKey;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands every sealed checkpoint to the witnesses outside the database, once its transaction has
 * committed (a checkpoint that rolled back is never witnessed): the append-only directory at
 * {@code mandate.audit.witness.directory} ({@link WitnessDirectory}) and/or a receiver at
 * {@code mandate.audit.witness.url}, which gets the checkpoint as JSON in a POST (the body carries the
 * checkpoint's JWS: the receiver verifies it with the audit public key). A witness that fails is
 * logged and does not undo the seal; the next checkpoint of the chain is witnessed as usual, and the
 * verifiers only need the latest.
 */
@ApplicationScoped
public class AuditWitness {

    private static final Logger LOG = Logger.getLogger(AuditWitness.class.getName());

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Witnesses the checkpoint when the running transaction commits. */
    public void afterCommit(CheckpointView checkpoint) {
        if (directory().isEmpty() && url().isEmpty()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    witness(checkpoint);
                }
            }
        });
    }

    /** The latest witnessed checkpoint of each of the tenant's chains; empty without a witness directory. */
    public Map<Integer, CheckpointView> latest(String tenant) {
        Optional<Path> directory = directory();
        if (directory.isEmpty()) {
            return Map.of();
        }
        try {
            return WitnessDirectory.latest(directory.get(), tenant);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit witness directory " + directory.get(), e);
        }
    }

    void witness(CheckpointView checkpoint) {
        directory().ifPresent(directory -> {
            try {
                WitnessDirectory.write(directory, checkpoint);
            } catch (IOException | RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "audit checkpoint " + checkpoint.number() + " of chain " + checkpoint.chain()
                                + " could not be written to the witness directory " + directory,
                        e);
            }
        });
        url().ifPresent(url -> post(url, checkpoint));
    }

    private void post(URI url, CheckpointView checkpoint) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ExportFormat.checkpoint(checkpoint)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() / 100 != 2) {
                LOG.warning(() -> "audit witness " + url.getHost() + " did not take checkpoint "
                        + checkpoint.number() + " of chain " + checkpoint.chain() + ": "
                        + (failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.statusCode()));
            }
        });
    }

    private static Optional<Path> directory() {
        return ConfigKey.AUDIT_WITNESS_DIRECTORY
                .lookup(String.class)
                .filter(value -> !value.isBlank())
                .map(value -> Path.of(value.startsWith("file:") ? value.substring(5) : value));
    }

    private static Optional<URI> url() {
        return ConfigKey.AUDIT_WITNESS_URL
                .lookup(String.class)
                .filter(value -> !value.isBlank())
                .map(URI::create);
    }
}
