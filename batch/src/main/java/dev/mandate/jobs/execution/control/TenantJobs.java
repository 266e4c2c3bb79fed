package dev.mandate.jobs.execution.control;

import dev.mandate.platform.error.InvalidRequestException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The jobs an administrator runs for their own tenant, and how an execution remembers its tenant: the job
 * parameter {@value #TENANT}, set from the caller's token when the job starts, kept by the job repository
 * and handed on to every restart. Payara's job operator knows no tenants; this is what scopes executions.
 */
public final class TenantJobs {

    public static final String TENANT = "tenant";

    /** Job XML names under {@code META-INF/batch-jobs/}. */
    private static final Set<String> NAMES = Set.of("agent-census", "eval-run", "eval-gate");

    /** The job parameters each job takes besides {@value #TENANT} (which nobody but the operator sets). */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "agent-census", Set.of(),
            "eval-run", Set.of("dataset", "datasetVersion", "agentId", "agentVersion", "run"),
            "eval-gate", Set.of("candidateRun", "currentRun", "thresholdPoints", "alpha"));

    private TenantJobs() {}

    public static boolean exists(String jobName) {
        return jobName != null && NAMES.contains(jobName);
    }

    public static Properties parameters(String tenant) {
        Properties parameters = new Properties();
        parameters.setProperty(TENANT, tenant);
        return parameters;
    }

    /** The names of the parameters {@code jobName} takes (none for a job that does not exist). */
    public static Set<String> allowedParameters(String jobName) {
        return PARAMETERS.getOrDefault(jobName, Set.of());
    }

    /** The tenant and the given parameters; 400 naming a parameter the job does not take. */
    public static Properties parameters(String jobName, String tenant, Map<String, String> given) {
        Properties parameters = parameters(tenant);
        for (Map.Entry<String, String> parameter : given.entrySet()) {
            if (!allowedParameters(jobName).contains(parameter.getKey())) {
                throw new InvalidRequestException(
                        parameter.getKey(),
                        "is not a parameter of job " + jobName + " (it takes " + allowedParameters(jobName) + ")");
            }
            if (parameter.getValue() != null) {
                parameters.setProperty(parameter.getKey(), parameter.getValue());
            }
        }
        return parameters;
    }

    /** Whether an execution with this job name and these parameters belongs to {@code tenant}. */
    public static boolean belongsTo(String jobName, Properties parameters, String tenant) {
        return exists(jobName) && parameters != null && tenant.equals(parameters.getProperty(TENANT));
    }
}
