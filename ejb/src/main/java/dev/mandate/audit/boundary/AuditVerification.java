package dev.mandate.audit.boundary;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.control.AuditSigningKey;
import dev.mandate.audit.entity.AuditChain;
import dev.mandate.audit.entity.AuditCheckpoint;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.verify.AuditVerifier;
import dev.mandate.audit.verify.CanonicalForm;
import dev.mandate.audit.verify.ChainHead;
import dev.mandate.audit.verify.CheckpointView;
import dev.mandate.audit.verify.ExportFormat;
import dev.mandate.audit.verify.RecordView;
import dev.mandate.audit.verify.Verification;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Verifies the caller's tenant's audit as stored, and exports it for offline verification. */
@Stateless
public class AuditVerification {

    private static final int EXPORT_PAGE = 500;

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    /** Every chain of the caller's tenant, against its head row and its signed checkpoints. */
    public Verification verify(Caller caller) {
        AuditVerifier verifier = new AuditVerifier(caller.tenant(), AuditSigningKey.trusted());
        Map<Integer, AuditChain> heads = new LinkedHashMap<>();
        chains(caller.tenant()).forEach(chain -> heads.put(chain.chain(), chain));
        TreeSet<Integer> numbers = new TreeSet<>(heads.keySet());
        numbers.addAll(
                em.createQuery("select distinct r.chain from AuditRecord r where r.tenantId = :tenant", Integer.class)
                        .setParameter("tenant", caller.tenant())
                        .getResultList());
        List<AuditVerifier.ChainResult> results = new ArrayList<>();
        for (int number : numbers) {
            List<RecordView> records = records(caller.tenant(), number, Long.MAX_VALUE, 0, Integer.MAX_VALUE).stream()
                    .map(AuditRecord::view)
                    .toList();
            AuditChain chain = heads.get(number);
            ChainHead head = null;
            if (chain != null) {
                long newest =
                        records.isEmpty() ? 0 : records.get(records.size() - 1).sequence();
                if (newest > chain.headSequence()) {
                    // appended while we read: the head row tells whether those records are genuine
                    em.refresh(chain);
                }
                head = chain.head();
            }
            List<CheckpointView> sealed = checkpoints(caller.tenant(), number, Long.MAX_VALUE).stream()
                    .map(AuditCheckpoint::view)
                    .toList();
            results.add(verifier.verifyChain(number, records, sealed, head));
        }
        return AuditVerifier.summarise(results);
    }

    /**
     * Writes the export (see {@link ExportFormat}): a consistent snapshot as of the chain heads read
     * first. Records appended meanwhile are left for the next export.
     */
    public void export(Caller caller, Writer out) throws IOException {
        String tenant = caller.tenant();
        out.write(ExportFormat.header(tenant, CanonicalForm.timestamp(OffsetDateTime.now(ZoneOffset.UTC))));
        out.write('\n');
        for (RSAKey key : AuditSigningKey.trusted().values()) {
            out.write(ExportFormat.key(key));
            out.write('\n');
        }
        List<ChainHead> heads = chains(tenant).stream().map(AuditChain::head).toList();
        em.clear();
        for (ChainHead head : heads) {
            out.write(ExportFormat.head(head));
            out.write('\n');
        }
        long checkpointCount = 0;
        for (ChainHead head : heads) {
            for (AuditCheckpoint checkpoint : checkpoints(tenant, head.chain(), head.checkpoints())) {
                out.write(ExportFormat.checkpoint(checkpoint.view()));
                out.write('\n');
                checkpointCount++;
            }
            em.clear();
        }
        long recordCount = 0;
        for (ChainHead head : heads) {
            for (int offset = 0; ; offset += EXPORT_PAGE) {
                List<AuditRecord> page = records(tenant, head.chain(), head.sequence(), offset, EXPORT_PAGE);
                for (AuditRecord record : page) {
                    out.write(ExportFormat.record(record.view()));
                    out.write('\n');
                    recordCount++;
                }
                em.clear();
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
        }
        out.write(ExportFormat.end(recordCount, checkpointCount));
        out.write('\n');
        out.flush();
    }

    private List<AuditChain> chains(String tenant) {
        return em.createNamedQuery(AuditChain.OF_TENANT, AuditChain.class)
                .setParameter("tenant", tenant)
                .getResultList();
    }

    private List<AuditRecord> records(String tenant, int chain, long upTo, int offset, int limit) {
        return em.createQuery(
                        "select r from AuditRecord r where r.tenantId = :tenant and r.chain = :chain"
                                + " and r.sequence <= :upTo order by r.sequence, r.id",
                        AuditRecord.class)
                .setParameter("tenant", tenant)
                .setParameter("chain", chain)
                .setParameter("upTo", upTo)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    private List<AuditCheckpoint> checkpoints(String tenant, int chain, long upTo) {
        return em.createNamedQuery(AuditCheckpoint.OF_CHAIN, AuditCheckpoint.class)
                .setParameter("tenant", tenant)
                .setParameter("chain", chain)
                .setParameter("upTo", upTo)
                .getResultList();
    }
}
