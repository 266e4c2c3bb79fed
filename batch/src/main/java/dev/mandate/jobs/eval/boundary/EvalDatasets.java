package dev.mandate.jobs.eval.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.jobs.eval.control.DatasetImport;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.DatasetVersion;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tenant's eval datasets: each import is a new, immutable version written whole in one transaction
 * (a wrong line and nothing is stored); versions and their cases are read back paged.
 */
@Stateless
public class EvalDatasets {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    @Inject
    EvalStore store;

    @EJB
    AuditTrail audit;

    public DatasetVersion importVersion(Caller caller, String dataset, String mediaType, String body) {
        name(dataset);
        List<EvalCase> cases = DatasetImport.read(mediaType, body, ConfigKey.EVALS_MAX_CASES.get(Integer.class));
        DatasetVersion version = new DatasetVersion(
                TimeOrderedIds.next(),
                dataset,
                store.nextVersion(caller.tenant(), dataset),
                "IMPORT",
                cases.size(),
                sha256(body),
                caller.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.insert(caller.tenant(), version, cases);
        audit.append(AuditEntry.adminChange(
                caller,
                "eval.dataset-imported",
                null,
                Map.of(
                        "dataset", dataset,
                        "version", Integer.toString(version.version()),
                        "cases", Integer.toString(cases.size()),
                        "sha256", version.sha256())));
        return version;
    }

    public Page<DatasetVersion> latest(Caller caller, PageRequest page) {
        return store.latestVersions(caller.tenant(), page);
    }

    public Page<DatasetVersion> versions(Caller caller, String dataset, PageRequest page) {
        Page<DatasetVersion> versions = store.versions(caller.tenant(), name(dataset), page);
        if (versions.total() == 0) {
            throw new ResourceNotFoundException("dataset", dataset);
        }
        return versions;
    }

    public DatasetVersion version(Caller caller, String dataset, String version) {
        name(dataset);
        int number = number(dataset, version);
        return store.version(caller.tenant(), dataset, number)
                .orElseThrow(() -> new ResourceNotFoundException("dataset version", dataset + "/" + version));
    }

    /** The cases of a version, {@code page.limit()} after the first {@code page.offset()}. */
    public Page<EvalCase> cases(Caller caller, String dataset, String version, PageRequest page) {
        DatasetVersion found = version(caller, dataset, version);
        long after = (long) page.offset();
        List<EvalCase> items = after >= found.cases() ? List.of() : store.cases(found.id(), (int) after, page.limit());
        return new Page<>(items, page.offset(), page.limit(), found.cases());
    }

    private static String name(String dataset) {
        if (dataset == null || !NAME.matcher(dataset).matches()) {
            throw new InvalidRequestException(
                    "name", "must be 1-100 of a-z 0-9 _ . - (starting with a letter or digit)");
        }
        return dataset;
    }

    private static int number(String dataset, String version) {
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // not a version number: not found, like any other
        }
        throw new ResourceNotFoundException("dataset version", dataset + "/" + version);
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
