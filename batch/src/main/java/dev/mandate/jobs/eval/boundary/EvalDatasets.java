package dev.mandate.jobs.eval.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.jobs.eval.control.DatasetImport;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.control.LabelledCases;
import dev.mandate.jobs.eval.entity.DatasetVersion;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.labelling.control.LabelledExamples;
import dev.mandate.labelling.entity.LabelledExample;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.Violation;
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
import java.util.ArrayList;
import java.util.Collections;
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

    @Inject
    LabelledExamples labelled;

    public DatasetVersion importVersion(Caller caller, String dataset, String mediaType, String body) {
        name(dataset);
        List<EvalCase> cases = DatasetImport.read(mediaType, body, ConfigKey.EVALS_MAX_CASES.get(Integer.class));
        return store(caller, dataset, "IMPORT", cases, body);
    }

    private DatasetVersion store(Caller caller, String dataset, String source, List<EvalCase> cases, String content) {
        DatasetVersion version = new DatasetVersion(
                TimeOrderedIds.next(),
                dataset,
                store.nextVersion(caller.tenant(), dataset),
                source,
                cases.size(),
                sha256(content),
                caller.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.insert(caller.tenant(), version, cases);
        audit.append(AuditEntry.adminChange(
                caller,
                "eval.dataset-imported",
                null,
                Map.of(
                        "source", source,
                        "dataset", dataset,
                        "version", Integer.toString(version.version()),
                        "cases", Integer.toString(cases.size()),
                        "sha256", version.sha256())));
        return version;
    }

    /**
     * A new version of the dataset from the people's judgements of the tenant (of one task type where given),
     * oldest first, at most {@code mandate.evals.max-cases} ({@link LabelledCases}); 422 when there is none.
     */
    public DatasetVersion collectLabelled(Caller caller, String dataset, String taskType) {
        name(dataset);
        int max = ConfigKey.EVALS_MAX_CASES.get(Integer.class);
        List<LabelledExample> examples = new ArrayList<>();
        String before = null;
        while (examples.size() < max) {
            List<LabelledExample> page = labelled.page(caller.tenant(), null, taskType, before, 500);
            examples.addAll(page);
            if (page.size() < 500) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        Collections.reverse(examples);
        List<EvalCase> cases = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        for (LabelledExample example : examples) {
            if (cases.size() == max) {
                break;
            }
            LabelledCases.of(cases.size() + 1, example).ifPresent(c -> {
                cases.add(c);
                ids.append(example.id()).append('\n');
            });
        }
        if (cases.isEmpty()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE,
                    "no labelled example" + (taskType == null ? "" : " of task type " + taskType)
                            + " says what should have happened",
                    List.of(new Violation("taskType", "has no usable labelled example")));
        }
        return store(caller, dataset, "LABELLED", cases, ids.toString());
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
