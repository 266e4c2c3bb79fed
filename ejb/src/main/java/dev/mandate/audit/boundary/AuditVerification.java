package dev.mandate.audit.boundary;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.control.AuditSigningKey;
import dev.mandate.audit.control.AuditSnapshot;
import dev.mandate.audit.control.AuditWitness;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.verify.AuditVerifier;
import dev.mandate.audit.verify.ExportFormat;
import dev.mandate.audit.verify.Verification;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.security.Caller;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Verifies the caller's tenant's audit as stored, and exports it for offline verification. Both read
 * one consistent snapshot ({@link AuditSnapshot}) and stream the records, so appends and seals that
 * commit meanwhile change nothing in what is checked, and a chain of any length is walked in constant
 * memory. They run outside a container transaction: the snapshot is the connection's own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditVerification {

    @Resource(lookup = "jdbc/mandate")
    DataSource dataSource;

    @Inject
    DatabaseProduct database;

    @Inject
    AuditWitness witness;

    /**
     * Every chain of the caller's tenant, against its head row, its signed checkpoints and the latest
     * checkpoint its witness holds. The witness is read before the snapshot is taken: everything it holds
     * had committed by then, so the snapshot cannot be older than the witness.
     */
    public Verification verify(Caller caller) {
        String tenant = caller.tenant();
        AuditVerifier verifier = new AuditVerifier(tenant, AuditSigningKey.trusted());
        Map<Integer, CheckpointView> witnessed = witness.latest(tenant);
        try (AuditSnapshot snapshot = AuditSnapshot.open(dataSource, database.isPostgres(), tenant)) {
            Map<Integer, ChainHead> heads = snapshot.heads();
            TreeSet<Integer> numbers = new TreeSet<>(heads.keySet());
            numbers.addAll(snapshot.chainsInUse());
            numbers.addAll(witnessed.keySet());
            List<AuditVerifier.ChainResult> results = new ArrayList<>();
            for (int number : numbers) {
                results.add(verifier.verifyChain(
                        number,
                        snapshot.records(number, Long.MAX_VALUE),
                        snapshot.checkpoints(number, Long.MAX_VALUE),
                        heads.get(number),
                        witnessed.get(number)));
            }
            return AuditVerifier.summarise(results);
        } catch (SQLException e) {
            throw new IllegalStateException("the audit could not be read for verification", e);
        }
    }

    /**
     * The numbers of the tenant's chains a verification walks: those with a head row, with records, or with
     * a witnessed checkpoint (a chain whose head and records were deleted is still one to check).
     */
    public List<Integer> chains(String tenant) {
        Map<Integer, CheckpointView> witnessed = witness.latest(tenant);
        try (AuditSnapshot snapshot = AuditSnapshot.open(dataSource, database.isPostgres(), tenant)) {
            TreeSet<Integer> numbers = new TreeSet<>(snapshot.heads().keySet());
            numbers.addAll(snapshot.chainsInUse());
            numbers.addAll(witnessed.keySet());
            return List.copyOf(numbers);
        } catch (SQLException e) {
            throw new IllegalStateException("the audit could not be read for verification", e);
        }
    }

    /**
     * One chain of the tenant's audit, checked as {@link #verify} checks each (for the nightly job, which
     * verifies chain by chain and records each result with its checkpoint).
     */
    public AuditVerifier.ChainResult verifyChain(String tenant, int chain) {
        AuditVerifier verifier = new AuditVerifier(tenant, AuditSigningKey.trusted());
        Map<Integer, CheckpointView> witnessed = witness.latest(tenant);
        try (AuditSnapshot snapshot = AuditSnapshot.open(dataSource, database.isPostgres(), tenant)) {
            return verifier.verifyChain(
                    chain,
                    snapshot.records(chain, Long.MAX_VALUE),
                    snapshot.checkpoints(chain, Long.MAX_VALUE),
                    snapshot.heads().get(chain),
                    witnessed.get(chain));
        } catch (SQLException e) {
            throw new IllegalStateException("the audit could not be read for verification", e);
        }
    }

    /**
     * Writes the export (see {@link ExportFormat}): the snapshot's chain heads, then their checkpoints
     * and records up to those heads. Records appended meanwhile are left for the next export.
     */
    public void export(Caller caller, Writer out) throws IOException {
        String tenant = caller.tenant();
        out.write(ExportFormat.header(tenant, CanonicalForm.timestamp(OffsetDateTime.now(ZoneOffset.UTC))));
        out.write('\n');
        for (RSAKey key : AuditSigningKey.trusted().values()) {
            out.write(ExportFormat.key(key));
            out.write('\n');
        }
        try (AuditSnapshot snapshot = AuditSnapshot.open(dataSource, database.isPostgres(), tenant)) {
            List<ChainHead> heads = List.copyOf(snapshot.heads().values());
            for (ChainHead head : heads) {
                out.write(ExportFormat.head(head));
                out.write('\n');
            }
            long checkpointCount = 0;
            for (ChainHead head : heads) {
                for (CheckpointView checkpoint : snapshot.checkpoints(head.chain(), head.checkpoints())) {
                    out.write(ExportFormat.checkpoint(checkpoint));
                    out.write('\n');
                    checkpointCount++;
                }
            }
            long[] recordCount = {0};
            for (ChainHead head : heads) {
                snapshot.records(head.chain(), head.sequence()).forEach(record -> {
                    try {
                        out.write(ExportFormat.record(record));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    recordCount[0]++;
                });
            }
            out.write(ExportFormat.end(recordCount[0], checkpointCount));
            out.write('\n');
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SQLException e) {
            throw new IllegalStateException("the audit could not be read for export", e);
        }
    }
}
