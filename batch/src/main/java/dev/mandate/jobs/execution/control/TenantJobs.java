package dev.mandate.jobs.execution.control;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The jobs an administrator runs for their own tenant, the parameters each declares, and how an execution
 * remembers its tenant: the job parameter {@value #TENANT}, set from the caller's token when the job starts,
 * kept by the job repository and handed on to every restart. Payara's job operator knows no tenants; this is
 * what scopes executions.
 */
public final class TenantJobs {

    public static final String TENANT = "tenant";

    public static final int MAX_PARAMETERS = 20;
    public static final int MAX_NAME_CHARS = 64;
    public static final int MAX_VALUE_CHARS = 1000;

    /**
     * Job XML names under {@code META-INF/batch-jobs/}, each with the names of the string parameters a caller
     * may give it (read in the job XML as {@code #{jobParameters['name']}}); any other name is refused.
     */
    private static final Map<String, Set<String>> JOBS = Map.of(
            "agent-census", Set.of(),
            "audit-verification", Set.of(),
            "cost-rollup", Set.of("from", "to"),
            "eval-run", Set.of("dataset", "datasetVersion", "agentId", "agentVersion", "run"),
            "eval-gate", Set.of("candidateRun", "currentRun", "thresholdPoints", "alpha"),
            "retention", Set.of("auditSummaryOlderThanDays"));

    private TenantJobs() {}

    public static boolean exists(String jobName) {
        return jobName != null && JOBS.containsKey(jobName);
    }

    /** Every job's name, in order. */
    public static SortedSet<String> names() {
        return new TreeSet<>(JOBS.keySet());
    }

    /** The parameter names job {@code jobName} declares, in order. */
    public static SortedSet<String> parameterNames(String jobName) {
        return new TreeSet<>(JOBS.getOrDefault(jobName, Set.of()));
    }

    public static Properties parameters(String tenant) {
        Properties parameters = new Properties();
        parameters.setProperty(TENANT, tenant);
        return parameters;
    }

    /**
     * The job parameters of a start: the caller's {@code given} ones, each a name {@code jobName} declares
     * with a value of at most {@value #MAX_VALUE_CHARS} characters, and the tenant, which no caller sets.
     * Too many or too long is 400; a name the job does not declare is 422, naming the ones it does.
     */
    public static Properties parameters(String tenant, String jobName, Map<String, String> given) {
        if (given.size() > MAX_PARAMETERS) {
            throw new InvalidRequestException("parameters", "at most " + MAX_PARAMETERS + " parameters");
        }
        List<Violation> tooLong = new ArrayList<>();
        List<Violation> unknown = new ArrayList<>();
        Set<String> declared = JOBS.getOrDefault(jobName, Set.of());
        for (Map.Entry<String, String> parameter : new TreeMap<>(given).entrySet()) {
            String name = parameter.getKey();
            String field = "parameters." + (name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name);
            if (parameter.getValue() == null) {
                tooLong.add(new Violation(field, "must be a string"));
            } else if (parameter.getValue().length() > MAX_VALUE_CHARS) {
                tooLong.add(new Violation(field, "must be at most " + MAX_VALUE_CHARS + " characters"));
            }
            if (!declared.contains(name)) {
                unknown.add(new Violation(
                        field,
                        "is not a parameter of " + jobName + " (it takes "
                                + (declared.isEmpty() ? "none" : String.join(", ", new TreeSet<>(declared))) + ")"));
            }
        }
        if (!tooLong.isEmpty()) {
            throw new InvalidRequestException(tooLong);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE, unknown.size() + " unknown parameter(s); see 'violations'", unknown);
        }
        Properties parameters = new Properties();
        given.forEach(parameters::setProperty);
        parameters.setProperty(TENANT, tenant);
        return parameters;
    }

    /** Whether an execution with this job name and these parameters belongs to {@code tenant}. */
    public static boolean belongsTo(String jobName, Properties parameters, String tenant) {
        return exists(jobName) && parameters != null && tenant.equals(parameters.getProperty(TENANT));
    }
}
