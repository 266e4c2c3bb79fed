package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command for cron, Control-M and CI ({@code server-config/bin/MandateJob.java}), run as an operator
 * runs it, a process of its own against the deployed EAR: it starts the job, waits, prints the figures and
 * says how it went in its exit code.
 */
class JobCommandIT extends MandateIT {

    /** What the command printed and how it exited. */
    record Run(int exit, String out, String err) {}

    @Test
    void aCompletedJobExitsZeroAndPrintsItsFigures() throws Exception {
        String tenant = JobsIT.tenantWithAgents(2);

        Run run = command(Tokens.admin(tenant), "--job", "agent-census", "--poll", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        long agents = Database.count("select count(*) from agent where tenant_id = ?", tenant);
        assertThat(run.out())
                .contains("status=COMPLETED")
                .contains("exitStatus=ACTIVE=2 SUSPENDED=2 DEPROVISIONED=1")
                .contains("figure.ACTIVE=2")
                .contains("figure.agents=" + agents)
                .contains("step.count.readCount=" + agents)
                .containsPattern("execution=.*/api/v1/jobs/agent-census/executions/\\d+");
    }

    @Test
    void aFailedJobExitsOne() throws Exception {
        String tenant = JobsIT.tenantWithAgents(1);
        Run run;
        try (Connection other = JobsIT.holdingTheCensusTable()) {
            // the chunk gives up after the pool's lock timeout and the job fails
            run = command(Tokens.admin(tenant), "--job", "agent-census", "--poll", "1");
            other.rollback();
        }

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("status=FAILED");
    }

    @Test
    void usageAndHttpErrorsExitTwoWithTheProblem() throws Exception {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);

        Run unknownParameter = command(admin, "--job", "agent-census", "--param", "dataset=golden");
        assertThat(unknownParameter.exit()).isEqualTo(2);
        assertThat(unknownParameter.err()).contains("answered 422").contains("urn:mandate:problem:unprocessable");

        Run unknownJob = command(admin, "--job", "no-such-job");
        assertThat(unknownJob.exit()).isEqualTo(2);
        assertThat(unknownJob.err()).contains("answered 404");

        Run notAnAdmin = command(Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR), "--job", "agent-census");
        assertThat(notAnAdmin.exit()).isEqualTo(2);
        assertThat(notAnAdmin.err()).contains("answered 403");

        Run badToken = command("not-a-token", "--job", "agent-census");
        assertThat(badToken.exit()).isEqualTo(2);
        assertThat(badToken.err()).contains("answered 401");

        Run noJob = command(admin);
        assertThat(noJob.exit()).isEqualTo(2);
        assertThat(noJob.err()).contains("--job is required").contains("usage:");

        Run badTimeout = command(admin, "--job", "agent-census", "--timeout", "-5");
        assertThat(badTimeout.exit()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("--timeout takes seconds");
        assertThat(Database.rows("job_run", tenant)).isZero();
    }

    /** Runs the command with {@code --url} of the test server and the token in a file, as cron would. */
    private static Run command(String token, String... arguments) throws IOException, InterruptedException {
        Path tokenFile = Files.createTempFile("mandate-job-token", ".txt");
        try {
            Files.writeString(tokenFile, token + "\n");
            List<String> line = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    script().toString(),
                    "--url",
                    BASE_URL,
                    "--token-file",
                    tokenFile.toString()));
            line.addAll(List.of(arguments));
            Path out = Files.createTempFile("mandate-job", ".out");
            Path err = Files.createTempFile("mandate-job", ".err");
            Process process = new ProcessBuilder(line)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("the command ends")
                    .isTrue();
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } finally {
            Files.delete(tokenFile);
        }
    }

    private static Path script() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path script = folder.resolve("server-config/bin/MandateJob.java");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("server-config/bin/MandateJob.java not found above "
                + Path.of("").toAbsolutePath());
    }
}
